"""Rust twin: tests/it/sync_primitives.rs, barrier_abort. Two parties wait at a Barrier(3); abort() breaks it."""
import asyncio


async def party(barrier):
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print(f'{asyncio.current_task().get_name()}: {e}')


async def main():
    barrier = asyncio.Barrier(3)
    a = asyncio.create_task(party(barrier), name='a')
    b = asyncio.create_task(party(barrier), name='b')
    await asyncio.sleep(1)
    await barrier.abort()
    await a
    await b
    print(f'broken: {barrier.broken}')
