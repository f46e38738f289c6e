"""Rust twin: tests/it/sync_primitives.rs, condition_notify. Two waiters on a Condition; notify(1) twice, one second apart."""
import asyncio
import time


async def waiter(cond):
    await cond.acquire()
    await cond.wait()
    print(f'{asyncio.current_task().get_name()} notified at {time.monotonic()!r}')
    cond.release()


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond), name='a')
    b = asyncio.create_task(waiter(cond), name='b')
    for _ in range(2):
        await asyncio.sleep(1)
        await cond.acquire()
        cond.notify(1)
        cond.release()
    await a
    await b
