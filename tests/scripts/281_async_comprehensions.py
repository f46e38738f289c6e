"""Async comprehensions: list/set/dict comprehensions with `async for`, `await` in the element and the condition, and mixed sync/async clauses."""
import asyncio


async def agen(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i


async def double(x):
    await asyncio.sleep(0.5)
    return x * 2


async def is_odd(x):
    await asyncio.sleep(0)
    return x % 2 == 1


async def main():
    print([x async for x in agen(3, 1)], asyncio.get_running_loop().time())
    print({x % 2 async for x in agen(4, 0)})
    print({x: x * x async for x in agen(3, 0)})
    print([await double(x) for x in range(3)], asyncio.get_running_loop().time())
    print([x async for x in agen(6, 0) if await is_odd(x)])
    print([(x, y) async for x in agen(2, 0) for y in "ab"])
    print([await double(y) for x in [[1, 2], [3]] for y in x])
    results = [await t for t in [asyncio.create_task(double(i)) for i in range(3)]]
    print(results, asyncio.get_running_loop().time())
