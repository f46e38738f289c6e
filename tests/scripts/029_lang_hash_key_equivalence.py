"""Equal numbers are the same dict key and set element: 1, 1.0 and True collide; the first key object is kept, the last value wins."""
import asyncio


async def main():
    d = {1: 'int', 1.0: 'float', True: 'bool'}
    print(d, len(d))
    e = {True: 'x'}
    e[1] = 'y'
    print(e, {0: 'a', False: 'b', 0.0: 'c'})
    print({1, 1.0, True}, {0.0, 0, False}, {2, 2.0}, len({1, True, 1.0, 2}))
    print(1 in {1.0: 'x'}, 1.0 in [1], True == 1, (1, 2) == (1.0, 2.0), [1] == [True])
    await asyncio.sleep(0)
