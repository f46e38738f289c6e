"""Async generators: `async for` over a ticker that sleeps between items; the sleeps are the consuming task's await points; for-else runs at the end."""
import asyncio


async def ticker(delay, to):
    for i in range(to):
        print("ticker yields", i)
        yield i
        await asyncio.sleep(delay)
    print("ticker done")


async def main():
    async for t in ticker(1, 3):
        print("main got", t, "at", asyncio.get_running_loop().time())
    else:
        print("async for else")
    g = ticker(0.5, 1)
    print(type(g).__name__, repr(g).split(" at ")[0], g.__aiter__() is g)
    async for t in g:
        print("again", t)
    async for t in g:
        print("never: exhausted")
