"""BoundedSemaphore raises ValueError when released more times than acquired."""
import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(2)
    print(sem)
    async with sem:
        print('inside', sem)
    try:
        sem.release()
    except ValueError as e:
        print('ValueError:', e)
    plain = asyncio.Semaphore(2)
    plain.release()
    print('plain semaphore went to', plain)
