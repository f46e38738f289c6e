"""Blocking work in a cancel handler holds the loop: worker blocks 2 s
while handling its cancel; the bystander's 1.5 timer falls due meanwhile
and fires only after main (woken by worker's end) has run."""
import asyncio
import time


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        time.sleep(2)
        raise


async def bystander():
    await asyncio.sleep(1.5)
    print(f'bystander woke at {time.monotonic()!r}')


async def main():
    w = asyncio.create_task(worker(), name='worker')
    b = asyncio.create_task(bystander(), name='bystander')
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print(f'main: worker cancelled at {time.monotonic()!r}')
    await b
