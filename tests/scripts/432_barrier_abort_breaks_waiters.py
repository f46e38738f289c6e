"""Barrier.abort() breaks the barrier: waiting tasks and later wait() calls raise BrokenBarrierError."""
import asyncio


async def party(name, barrier):
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print(name, 'broken:', repr(e))


async def main():
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(f'p{i}', barrier)) for i in range(2)]
    await asyncio.sleep(1)
    print(barrier)
    await barrier.abort()
    print(barrier, barrier.broken)
    await asyncio.gather(*tasks)
    await party('late', barrier)
