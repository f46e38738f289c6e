"""shield() of a coroutine wraps it in a task (auto-named, created via
shield). Cancelling the task awaiting the shield does not reach the
shielded task, which finishes on its own."""
import asyncio
import time


async def delay(seconds):
    await asyncio.sleep(seconds)
    print(f'delay({seconds}) finished at {time.monotonic()!r}')
    return seconds


async def waiter():
    try:
        return await asyncio.shield(delay(2))
    except asyncio.CancelledError:
        print(f'waiter cancelled at {time.monotonic()!r}')
        raise


async def main():
    r = await asyncio.shield(delay(1))
    print(f'shield(delay(1)) -> {r!r}')
    w = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(1)
    print(f'waiter.cancel() -> {w.cancel()!r}')
    try:
        await w
    except asyncio.CancelledError:
        print('main: waiter cancelled; the shielded task runs on')
    await asyncio.sleep(2)
