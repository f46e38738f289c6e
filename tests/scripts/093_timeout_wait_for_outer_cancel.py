"""The task waiting in wait_for is cancelled from outside before the timeout: the inner task is cancelled too, and the waiter sees CancelledError, not TimeoutError."""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('inner cancelled')
        raise


async def waiter():
    t = asyncio.create_task(inner(), name='inner')
    try:
        await asyncio.wait_for(t, timeout=5)
    except TimeoutError:
        print('not a timeout')
    except asyncio.CancelledError:
        print('waiter cancelled; inner cancelled:', t.cancelled())
        raise


async def main():
    w = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(1)
    w.cancel('outer')
    try:
        await w
    except asyncio.CancelledError as e:
        print('main:', repr(e))
