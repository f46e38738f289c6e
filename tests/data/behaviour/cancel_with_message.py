"""cancel(msg): the message travels with the CancelledError into the task,
out of it as the task's outcome, and to the task awaiting it; also for a
task cancelled before it started."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f'worker caught CancelledError({e})')
        raise


async def main():
    early = asyncio.create_task(worker(), name='early')
    early.cancel(msg='too early')
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    t.cancel(msg='why')
    for task in (early, t):
        try:
            await task
        except asyncio.CancelledError as e:
            print(f'main caught CancelledError({e}) from {task.get_name()}')
