"""Semaphore(-1) raises ValueError; Semaphore(0) blocks until released."""
import asyncio


async def main():
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(e)
    try:
        asyncio.BoundedSemaphore(-3)
    except ValueError as e:
        print(e)
    gate = asyncio.Semaphore(0)
    print(gate.locked())
    async def opener():
        await asyncio.sleep(1)
        gate.release()
    asyncio.create_task(opener())
    await gate.acquire()
    print('passed the gate', gate)
