"""wait_for when the inner work swallows the cancel: the deadline cancels it,
it catches CancelledError and returns a fallback, and wait_for returns that
value instead of raising TimeoutError."""
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
        return 'finished'
    except asyncio.CancelledError:
        print('stubborn: cancelled by the deadline, returning a fallback')
        return 'fallback'


async def main():
    result = await asyncio.wait_for(stubborn(), timeout=1)
    print(f'wait_for returned {result!r} at 1 s: the cancel was swallowed')
    task = asyncio.create_task(stubborn(), name='stubborn_task')
    result = await asyncio.wait_for(task, timeout=1)
    print(f'wait_for on a task returned {result!r}; cancelled={task.cancelled()}')
