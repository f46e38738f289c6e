"""A semaphore limits concurrency: five downloads, but Semaphore(2) lets only
two run at a time. The third waits until one of the first two releases its
slot at 1 s, and so on: the downloads run in waves of two (0 s, 1 s, 2 s) and
the whole batch takes 3 s instead of 1 s."""
import asyncio


async def download(n, limit):
    async with limit:
        print(f'download {n} starts')
        await asyncio.sleep(1)
        print(f'download {n} done')


async def main():
    limit = asyncio.Semaphore(2)
    await asyncio.gather(*(download(n, limit) for n in range(1, 6)))
    print('all downloads done')
