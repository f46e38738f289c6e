"""getrandbits for widths up to 63 bits, and its errors."""
import asyncio
import random


async def main():
    random.seed(1234)
    print([random.getrandbits(k) for k in [0, 1, 2, 8, 16, 31, 32, 33, 48, 53, 63]])
    print(f'{random.getrandbits(32):032b}')
    for bad in [-1, 2.0, 'x']:
        try:
            random.getrandbits(bad)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        random.getrandbits()
    except TypeError as e:
        print('TypeError:', e)
    try:
        random.random(1)
    except TypeError as e:
        print('TypeError:', e)
    await asyncio.sleep(0)
