"""A timer that falls due during a blocking time.sleep fires late, after the blocking task suspends."""
import asyncio
import time


async def sleeper():
    await asyncio.sleep(1)
    print('sleeper woke at', time.monotonic(), 'wanted 1.0')


async def hog():
    await asyncio.sleep(0.5)
    print('hog blocks at', time.monotonic())
    time.sleep(2)
    print('hog releases at', time.monotonic())


async def main():
    await asyncio.gather(asyncio.create_task(sleeper(), name='sleeper'), asyncio.create_task(hog(), name='hog'))
