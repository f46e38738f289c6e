"""Barrier.reset() while two tasks wait: they get BrokenBarrierError, and the barrier is usable again."""
import asyncio


async def party(name, barrier):
    try:
        i = await barrier.wait()
        print(name, 'passed', i)
    except asyncio.BrokenBarrierError:
        print(name, 'reset under it')


async def main():
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(f'p{i}', barrier)) for i in range(2)]
    await asyncio.sleep(1)
    await barrier.reset()
    print(barrier)
    await asyncio.gather(*tasks)
    print(barrier)
    await asyncio.gather(*(party(f'q{i}', barrier) for i in range(3)))
