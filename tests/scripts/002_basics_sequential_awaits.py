"""Awaiting coroutines one after another adds their sleeps up: no tasks, one task (main) with one step per sleep."""
import asyncio
import time


async def delay(seconds):
    print(f'sleeping {seconds}')
    await asyncio.sleep(seconds)
    return seconds * 10


async def main():
    a = await delay(1)
    b = await delay(2.5)
    print(a, b, time.monotonic())
