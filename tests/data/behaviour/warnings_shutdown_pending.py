"""Tasks still pending when main returns are cancelled by the asyncio.run
shutdown, in creation order: one runs its finally, one swallows the cancel
and finishes a 1 s cleanup (the run lasts until then), one never started
(its body never runs)."""
import asyncio
import time


async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print(f'sleeper: finally at {time.monotonic()!r}')


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('stubborn: cleanup that takes a second')
        await asyncio.sleep(1)
        print(f'stubborn: cleanup done at {time.monotonic()!r}')
        return 'finished anyway'


async def never_started():
    print('never printed')


async def main():
    asyncio.create_task(sleeper(), name='sleeper')
    asyncio.create_task(stubborn(), name='stubborn')
    await asyncio.sleep(1)
    asyncio.create_task(never_started(), name='late')
    print('main returns')
