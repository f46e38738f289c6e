"""loop.run_in_executor(None, f, *args): positional arguments reach the function in the worker."""
import asyncio
import time


def add(a, b, delay):
    time.sleep(delay)
    return a + b


async def main():
    loop = asyncio.get_running_loop()
    r = await loop.run_in_executor(None, add, 2, 3, 0.5)
    print('sum', r, loop.time())
