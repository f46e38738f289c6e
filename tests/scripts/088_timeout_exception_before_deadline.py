"""An exception raised inside a timeout block before the deadline passes through unchanged, and the timer is cancelled."""
import asyncio
import time


async def failing():
    await asyncio.sleep(0.5)
    raise ValueError('failed early')


async def main():
    try:
        async with asyncio.timeout(2):
            await failing()
    except ValueError as e:
        print('ValueError passes through:', e, 'at', time.monotonic())
    except TimeoutError:
        print('not reached')
    try:
        await asyncio.wait_for(failing(), timeout=2)
    except ValueError as e:
        print('wait_for passes it too:', e)
    await asyncio.sleep(3)
    print('no late timeout, at', time.monotonic())
