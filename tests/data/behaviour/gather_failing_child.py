"""gather with a child that fails at once: the gather raises the
ValueError at 0.0 while the other children run on (gather does not cancel
them); the one still running when main returns is cancelled by the
shutdown."""
import asyncio
import time


async def ok(n):
    await asyncio.sleep(n)
    print(f'ok({n}) done')
    return n


async def fail_now():
    raise ValueError('at once')


async def main():
    try:
        await asyncio.gather(ok(1), fail_now(), ok(3))
    except ValueError as e:
        print(f'main: ValueError({e}) at {time.monotonic()!r}')
    await asyncio.sleep(1.5)
    print('main returns while ok(3) still runs')
