"""wait_for on a task that catches its cancellation and returns a value: the timeout fires, but wait_for returns the value because the task was not cancelled."""
import asyncio


async def obstinate():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print('obstinate ignores the cancel')
        return 'kept'
    return 'normal'


async def main():
    t = asyncio.create_task(obstinate(), name='obstinate')
    try:
        r = await asyncio.wait_for(t, timeout=1)
        print('wait_for returned', r)
    except TimeoutError:
        print('TimeoutError anyway')
    print('task result:', t.result(), 'cancelled:', t.cancelled())
