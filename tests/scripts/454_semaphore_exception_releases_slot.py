"""An exception inside async with semaphore gives the slot back."""
import asyncio


async def job(sem, n):
    async with sem:
        await asyncio.sleep(0.1)
        if n == 1:
            raise RuntimeError(f'job {n} failed')
        return n


async def main():
    sem = asyncio.Semaphore(2)
    results = await asyncio.gather(*(job(sem, n) for n in range(4)), return_exceptions=True)
    print(results)
    print(sem)
