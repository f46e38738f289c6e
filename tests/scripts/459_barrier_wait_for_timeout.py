"""wait_for(barrier.wait(), 1) with too few parties: TimeoutError and the barrier is left filling with no waiter."""
import asyncio


async def main():
    barrier = asyncio.Barrier(2)
    try:
        await asyncio.wait_for(barrier.wait(), 1)
    except TimeoutError:
        print('nobody came', barrier)
    async def other():
        return await barrier.wait()
    t = asyncio.create_task(other())
    print(await barrier.wait(), await t)
