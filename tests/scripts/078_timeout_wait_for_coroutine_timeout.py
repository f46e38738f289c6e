"""wait_for on a coroutine that is too slow: the coroutine runs inside main and is cancelled there; asyncio.TimeoutError is TimeoutError."""
import asyncio


async def fetch():
    try:
        print('fetching')
        await asyncio.sleep(3)
    finally:
        print('fetch cleanup')
    return 'page'


async def main():
    try:
        await asyncio.wait_for(fetch(), timeout=1.5)
    except asyncio.TimeoutError as e:
        print('timeout', repr(e), isinstance(e, TimeoutError))
    print('main cancelling() after timeout:', asyncio.current_task().cancelling())
