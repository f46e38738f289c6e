"""Code inside a timeout block that catches the CancelledError and returns normally: the timeout does not raise TimeoutError."""
import asyncio
import time


async def main():
    result = 'unset'
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(3)
                result = 'slept'
            except asyncio.CancelledError:
                print('swallowed the cancellation at', time.monotonic())
                result = 'swallowed'
        print('block exited normally, result', result)
    except TimeoutError:
        print('TimeoutError, result', result)
    print('cancelling():', asyncio.current_task().cancelling())
