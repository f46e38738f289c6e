"""shield() on a coroutine wraps it in a task; inside asyncio.timeout the shielded work survives the timeout."""
import asyncio
import time


async def save(data):
    print('saving', data)
    await asyncio.sleep(2)
    print('saved', data, 'at', time.monotonic())
    return len(data)


async def main():
    try:
        async with asyncio.timeout(0.5):
            await asyncio.shield(save([1, 2, 3]))
    except TimeoutError:
        print('timeout at', time.monotonic())
    await asyncio.sleep(2)
    print('main done at', time.monotonic())
