"""FIRST_EXCEPTION looks at each finished task's exception (f.exception()), which marks it retrieved."""
import asyncio


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(name)


async def main():
    a = asyncio.create_task(fail('a', 1), name='a')
    b = asyncio.create_task(fail('b', 2), name='b')
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    await asyncio.sleep(3)
    print('b done:', b.done())
    del a, b, done, pending
    await asyncio.sleep(0)
