"""Cancelling a task that awaits a gather: the cancel goes to the
_GatheringFuture, which cancels every child (via _GatheringFuture.cancel,
forwarded_from the gathering task). Even though one child swallows the
cancel and returns, the gather ends with CancelledError."""
import asyncio
import time


async def child(n):
    try:
        await asyncio.sleep(n)
        return n
    finally:
        print(f'child({n}) finally at {time.monotonic()!r}')


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print('stubborn: swallowing')
    return 99


async def gatherer():
    try:
        return await asyncio.gather(child(1), child(2), stubborn())
    except asyncio.CancelledError:
        print(f'gatherer: CancelledError at {time.monotonic()!r}')
        raise


async def main():
    g = asyncio.create_task(gatherer(), name='gatherer')
    await asyncio.sleep(0.5)
    print(f'cancel() -> {g.cancel()!r}')
    try:
        await g
    except asyncio.CancelledError:
        print(f'gatherer cancelled()={g.cancelled()!r}')
