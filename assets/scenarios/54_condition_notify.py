"""A condition: three consumers wait on the same Condition for an item.
notify() wakes one waiter (the one that waited longest); notify_all() wakes
all the rest. Each woken consumer must re-acquire the condition's lock before
its wait() returns, so they get it one at a time, in order."""
import asyncio

items = []


async def consumer(name, cond):
    async with cond:
        print(f'{name} waits')
        await cond.wait()
        print(f'{name} woke up, items: {items}')


async def main():
    cond = asyncio.Condition()
    consumers = [asyncio.create_task(consumer(name, cond), name=name) for name in ('c1', 'c2', 'c3')]
    await asyncio.sleep(1)
    async with cond:
        items.append('first')
        print('notify(): wakes one consumer')
        cond.notify()
    await asyncio.sleep(1)
    async with cond:
        items.append('second')
        print('notify_all(): wakes every other consumer')
        cond.notify_all()
    await asyncio.gather(*consumers)
