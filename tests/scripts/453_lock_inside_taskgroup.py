"""Workers in a TaskGroup append to a shared list under a lock; the list stays consistent."""
import asyncio


async def append_twice(lock, log, name):
    async with lock:
        log.append(name)
        await asyncio.sleep(0.1)
        log.append(name)


async def main():
    lock = asyncio.Lock()
    log = []
    async with asyncio.TaskGroup() as tg:
        for n in 'abc':
            tg.create_task(append_twice(lock, log, n))
    print(log)
