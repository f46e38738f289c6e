"""async for over as_completed with a timeout: TimeoutError ends the loop; the slow task is left running."""
import asyncio


async def fetch(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    fast = asyncio.create_task(fetch(1), name='fast')
    slow = asyncio.create_task(fetch(4), name='slow')
    try:
        async for t in asyncio.as_completed([fast, slow], timeout=2):
            print('completed', t.get_name())
    except TimeoutError:
        print('timeout; slow done?', slow.done())
    print(await slow)
