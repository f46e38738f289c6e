"""create_task only schedules: the task's first line runs after main suspends; two tasks run concurrently."""
import asyncio
import time


async def worker(label, seconds):
    print(f'{label} starts at {time.monotonic()}')
    await asyncio.sleep(seconds)
    print(f'{label} ends at {time.monotonic()}')
    return label


async def main():
    t1 = asyncio.create_task(worker('first', 2), name='first')
    t2 = asyncio.create_task(worker('second', 1), name='second')
    print('tasks created', t1.done(), t2.done())
    r1 = await t1
    r2 = await t2
    print(r1, r2, time.monotonic())
