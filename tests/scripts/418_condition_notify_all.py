"""notify_all() wakes every waiter; each re-acquires the lock in turn before returning from wait()."""
import asyncio


async def consumer(name, cond):
    async with cond:
        await cond.wait()
        print(name, 'woke holding the lock:', cond.locked())
        await asyncio.sleep(0.5)


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(consumer(f'c{i}', cond), name=f'c{i}') for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
        print(cond)
    await asyncio.gather(*tasks)
    print(cond)
