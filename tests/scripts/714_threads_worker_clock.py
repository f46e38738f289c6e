"""time.monotonic() inside a worker job reads the job's own clock, which its time.sleep moves on."""
import asyncio
import time


def measure():
    t0 = time.monotonic()
    time.sleep(1.5)
    t1 = time.monotonic()
    return t0, t1


async def main():
    await asyncio.sleep(1)
    t0, t1 = await asyncio.to_thread(measure)
    print('job ran from', t0, 'to', t1, '; loop now', time.monotonic())
