"""Three workers share one asyncio.Lock via async with: one at a time, the others queued on Lock.acquire in FIFO order."""
import asyncio


async def worker(name, lock):
    print(f'{name} wants the lock, locked={lock.locked()}')
    async with lock:
        print(f'{name} got the lock')
        await asyncio.sleep(1)
    print(f'{name} released it')
    return name


async def main():
    lock = asyncio.Lock()
    print(lock)
    tasks = [asyncio.create_task(worker(f'w{i}', lock), name=f'w{i}') for i in range(3)]
    await asyncio.sleep(0)
    print(lock)
    print(await asyncio.gather(*tasks))
    print(lock, lock.locked())
