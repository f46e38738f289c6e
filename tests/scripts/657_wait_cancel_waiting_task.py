"""Cancelling the task that sits in asyncio.wait(): CancelledError reaches it; the awaited tasks run on."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'done')
    return name


async def waiter(tasks):
    try:
        await asyncio.wait(tasks)
    except asyncio.CancelledError:
        print('waiter cancelled, tasks done:', [t.done() for t in tasks])
        raise


async def main():
    tasks = [asyncio.create_task(job('a', 1), name='a'), asyncio.create_task(job('b', 3), name='b')]
    w = asyncio.create_task(waiter(tasks), name='waiter')
    await asyncio.sleep(2)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print('waiter is cancelled:', w.cancelled())
    print(await tasks[1])
