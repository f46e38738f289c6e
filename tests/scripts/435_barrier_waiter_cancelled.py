"""A task waiting at a barrier is cancelled: n_waiting drops and the barrier needs another party."""
import asyncio


async def party(name, barrier):
    try:
        print(name, 'index', await barrier.wait())
    except asyncio.CancelledError:
        print(name, 'cancelled at the barrier')
        raise


async def main():
    barrier = asyncio.Barrier(2)
    a = asyncio.create_task(party('a', barrier), name='a')
    await asyncio.sleep(1)
    print(barrier.n_waiting)
    a.cancel()
    await asyncio.gather(a, return_exceptions=True)
    print(barrier.n_waiting, barrier)
    await asyncio.gather(party('b', barrier), party('c', barrier))
