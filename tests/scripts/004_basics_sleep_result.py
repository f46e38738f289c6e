"""asyncio.sleep(delay, result) returns its result argument; sleep(0) yields once and returns None."""
import asyncio


async def main():
    x = await asyncio.sleep(0.5, 'value')
    print(repr(x))
    y = await asyncio.sleep(0)
    print(repr(y))
    z = await asyncio.sleep(1, result=[1, 2])
    print(z)
