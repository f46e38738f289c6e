"""A semaphore slot handed to a waiter that is cancelled before it runs goes to the next waiter."""
import asyncio


async def job(name, sem):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, 'cancelled after being woken')
        raise
    print(name, 'has a slot')
    await asyncio.sleep(1)
    sem.release()


async def main():
    sem = asyncio.Semaphore(0)
    a = asyncio.create_task(job('a', sem), name='a')
    b = asyncio.create_task(job('b', sem), name='b')
    await asyncio.sleep(1)
    sem.release()
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print(sem)
