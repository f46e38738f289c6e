"""to_thread(f, *args, **kwargs): positional and keyword arguments both reach the worker."""
import asyncio
import time


def scale(x, y, *, factor=1, pause=0.25):
    time.sleep(pause)
    return (x + y) * factor


async def main():
    a = await asyncio.to_thread(scale, 1, 2)
    b = await asyncio.to_thread(scale, 1, 2, factor=10, pause=1)
    print(a, b, time.monotonic())
