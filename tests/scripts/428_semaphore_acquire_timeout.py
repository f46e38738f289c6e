"""Waiting for a semaphore slot under asyncio.timeout: TimeoutError if none frees up in time."""
import asyncio


async def hog(sem):
    async with sem:
        await asyncio.sleep(5)


async def main():
    sem = asyncio.Semaphore(1)
    h = asyncio.create_task(hog(sem), name='hog')
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(2):
            async with sem:
                print('unreachable')
    except TimeoutError:
        print('no slot within 2 s', sem)
    await h
    print(sem)
