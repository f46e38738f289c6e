"""Condition.wait_for(predicate) re-checks the predicate after each notify and returns its value."""
import asyncio


items = []


async def consumer(cond):
    async with cond:
        result = await cond.wait_for(lambda: len(items) >= 3)
        print('predicate true:', result, items)


async def producer(cond):
    for i in range(4):
        await asyncio.sleep(1)
        async with cond:
            items.append(i)
            print('produced', i)
            cond.notify_all()


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(consumer(cond), producer(cond))
    async with cond:
        print(await cond.wait_for(lambda: 'already'))
