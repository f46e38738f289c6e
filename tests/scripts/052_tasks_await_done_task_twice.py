"""Awaiting a task that already finished returns at once without suspending; a task's result can be awaited many times."""
import asyncio


async def compute():
    await asyncio.sleep(1)
    return [1, 2, 3]


async def main():
    t = asyncio.create_task(compute(), name='compute')
    first = await t
    second = await t
    print(first, second, first is second)
    waiter1 = asyncio.create_task(wait_on(t, 'w1'), name='w1')
    waiter2 = asyncio.create_task(wait_on(t, 'w2'), name='w2')
    await waiter1
    await waiter2


async def wait_on(task, label):
    r = await task
    print(label, 'got', r)
    return len(r)
