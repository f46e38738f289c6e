"""Two locks always taken in the same order: transfers between accounts never deadlock."""
import asyncio


async def transfer(name, first, second):
    async with first:
        await asyncio.sleep(0.1)
        async with second:
            print(name, 'moved money')


async def main():
    a = asyncio.Lock()
    b = asyncio.Lock()
    await asyncio.gather(transfer('t1', a, b), transfer('t2', a, b), transfer('t3', a, b))
    print(a.locked(), b.locked())
