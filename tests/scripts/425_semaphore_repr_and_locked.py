"""A semaphore's repr and locked() as slots are taken and given back."""
import asyncio


async def main():
    sem = asyncio.Semaphore(2)
    print(sem, sem.locked())
    await sem.acquire()
    print(sem)
    await sem.acquire()
    print(sem, sem.locked())
    t = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    print(sem)
    sem.release()
    print(sem)
    await t
    print(sem, t.result())
    sem.release()
    sem.release()
    sem.release()  # a plain Semaphore may go above its initial value
    print(sem)
