"""Consumers wait on a Condition; each notify() wakes exactly one, in the order they waited."""
import asyncio


async def consumer(name, cond):
    async with cond:
        print(name, 'waiting')
        await cond.wait()
        print(name, 'notified')


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(consumer(f'c{i}', cond)) for i in range(3)]
    await asyncio.sleep(0)
    print(cond)
    for i in range(3):
        await asyncio.sleep(1)
        async with cond:
            cond.notify()
            print('notified one')
    await asyncio.gather(*tasks)
