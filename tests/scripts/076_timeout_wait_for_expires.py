"""wait_for on a task that takes too long: TimeoutError at the deadline, and the task is cancelled."""
import asyncio
import time


async def slow_op():
    try:
        await asyncio.sleep(5)
        return 'finished'
    except asyncio.CancelledError:
        print('slow_op cancelled at', time.monotonic())
        raise


async def main():
    t = asyncio.create_task(slow_op(), name='slow_op')
    try:
        await asyncio.wait_for(t, timeout=2)
    except TimeoutError:
        print('timed out at', time.monotonic(), 'task cancelled:', t.cancelled())
