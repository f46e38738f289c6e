"""The time module follows the virtual clock: monotonic, perf_counter and
time (a fixed epoch plus the clock); time.sleep moves the clock at once,
time.sleep(0) records a zero block."""
import asyncio
import time


async def main():
    print(f'monotonic={time.monotonic()!r} perf_counter={time.perf_counter()!r} time={time.time()!r}')
    time.sleep(1.25)
    print(f'monotonic={time.monotonic()!r} perf_counter={time.perf_counter()!r} time={time.time()!r}')
    time.sleep(0)
    await asyncio.sleep(0.25)
    print(f'monotonic={time.monotonic()!r} time={time.time()!r}')
