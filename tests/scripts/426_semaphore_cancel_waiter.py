"""A task waiting on a semaphore is cancelled; the slot goes to the next waiter."""
import asyncio


async def job(name, sem):
    try:
        async with sem:
            print(name, 'running')
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, 'cancelled before it ran')
        raise


async def main():
    sem = asyncio.Semaphore(1)
    tasks = [asyncio.create_task(job(f'j{i}', sem), name=f'j{i}') for i in range(3)]
    await asyncio.sleep(0.5)
    tasks[1].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(sem)
