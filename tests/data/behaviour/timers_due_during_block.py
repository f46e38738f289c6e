"""A timer that falls due while another task blocks the loop (time.sleep)
fires only after the block, in the next loop iteration: the tasks that were
already ready run first."""
import asyncio
import time


async def sleeper():
    await asyncio.sleep(1)
    print(f'sleeper woke at {time.monotonic()!r}')


async def blocker():
    time.sleep(2)
    print(f'blocker unblocked at {time.monotonic()!r}')
    await asyncio.sleep(0)
    print('blocker after sleep(0)')


async def polite():
    print(f'polite starts at {time.monotonic()!r}')
    await asyncio.sleep(0)
    print('polite after sleep(0)')


async def main():
    tasks = [asyncio.create_task(sleeper(), name='sleeper'),
             asyncio.create_task(blocker(), name='blocker'),
             asyncio.create_task(polite(), name='polite')]
    for t in tasks:
        await t
