"""Rust twin: tests/it/threads.rs, loop_free. to_thread(blocking): the worker's time.sleep(2) lets the ticker run."""
import asyncio
import time


def blocking():
    time.sleep(2)
    return 20


async def ticker():
    for i in range(4):
        print(f'tick {i}')
        await asyncio.sleep(0.5)


async def main():
    t = asyncio.create_task(ticker(), name='ticker')
    r = await asyncio.to_thread(blocking)
    print(f'result {r}')
    await t
