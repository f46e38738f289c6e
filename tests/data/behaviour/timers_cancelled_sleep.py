"""A sleep interrupted by cancel() leaves its timer behind cancelled: the
clock never jumps to the abandoned 5.0 deadline (the cleanup sleep ends at
1.5, main's last sleep at 11.5)."""
import asyncio
import time


async def sleeper():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(f'sleeper cancelled at {time.monotonic()!r}')
        await asyncio.sleep(0.5)
        print(f'sleeper cleanup done at {time.monotonic()!r}')
        raise


async def main():
    t = asyncio.create_task(sleeper(), name='sleeper')
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f'main: sleeper cancelled; now {time.monotonic()!r}')
    await asyncio.sleep(10)
    print(f'main done at {time.monotonic()!r}')
