"""async with barrier as index: the index of arrival, and the repr while filling."""
import asyncio


async def party(name, barrier):
    async with barrier as index:
        print(name, 'index', index)


async def main():
    barrier = asyncio.Barrier(2)
    t = asyncio.create_task(party('first', barrier))
    await asyncio.sleep(0)
    print(barrier, barrier.n_waiting, barrier.parties)
    await party('second', barrier)
    await t
