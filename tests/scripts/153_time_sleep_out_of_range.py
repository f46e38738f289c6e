"""time.sleep with values CPython refuses: inf, -inf and huge values (OverflowError), NaN and negatives (ValueError); the clock does not move."""
import asyncio
import time


async def main():
    for v in [float('inf'), float('-inf'), 1e300, 1e10, float('nan'), -1.0, -0.5, 10**10, -10**10, -1]:
        try:
            time.sleep(v)
            print(v, 'slept; now', time.monotonic())
        except (OverflowError, ValueError) as e:
            print(v, type(e).__name__, e)
    time.sleep(0.5)
    print('a valid sleep still blocks until', time.monotonic())
