"""Async generators built on async generators: a batching stage `async for`s over a source, awaits between batches, and yields lists; the consumer sees the combined timing."""
import asyncio


async def source(n):
    for i in range(n):
        await asyncio.sleep(0.5)
        print("source", i)
        yield i


async def batched(agen, size):
    batch = []
    async for x in agen:
        batch.append(x)
        if len(batch) == size:
            await asyncio.sleep(0.1)
            yield batch
            batch = []
    if batch:
        yield batch


async def doubled(agen):
    async for b in agen:
        yield [x * 2 for x in b]


async def main():
    async for b in batched(source(5), 2):
        print("batch", b, "at", asyncio.get_running_loop().time())
    print([b async for b in doubled(batched(source(3), 2))])
