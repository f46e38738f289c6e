"""wait_for that completes in time returns the value; on a coroutine no extra task is created; timeout=None waits forever."""
import asyncio


async def compute(x, delay):
    print('computing', x)
    await asyncio.sleep(delay)
    return x * 2


async def main():
    print(await asyncio.wait_for(compute(1, 1), timeout=2))
    t = asyncio.create_task(compute(2, 0.5), name='compute2')
    print(await asyncio.wait_for(t, 1))
    print(await asyncio.wait_for(compute(3, 10), timeout=None))
