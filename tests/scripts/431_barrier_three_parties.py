"""Three tasks meet at an asyncio.Barrier(3); each gets its arrival index and they leave together."""
import asyncio


import time


async def party(name, barrier, delay):
    await asyncio.sleep(delay)
    print(name, 'arrives at', time.monotonic(), 'waiting:', barrier.n_waiting)
    index = await barrier.wait()
    print(name, 'passes with index', index, 'at', time.monotonic())


async def main():
    barrier = asyncio.Barrier(3)
    print(barrier)
    await asyncio.gather(party('a', barrier, 1), party('b', barrier, 2), party('c', barrier, 3))
    print(barrier)
