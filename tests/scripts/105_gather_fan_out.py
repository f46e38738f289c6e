"""gather fans out coroutines as tasks and returns results in argument order, not completion order."""
import asyncio
import time


async def fetch(url, delay):
    print('start', url)
    await asyncio.sleep(delay)
    print('end', url)
    return f'{url}:{delay}'


async def main():
    start = time.monotonic()
    results = await asyncio.gather(fetch('a', 3), fetch('b', 1), fetch('c', 2))
    print(results, 'elapsed', time.monotonic() - start)
    t = asyncio.create_task(fetch('d', 1), name='d')
    mixed = await asyncio.gather(t, fetch('e', 0.5))
    print(mixed)
    print(await asyncio.gather())
