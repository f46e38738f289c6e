"""`from asyncio import ...` names work like the module attributes."""
from asyncio import sleep, create_task, gather, CancelledError


async def job(n):
    await sleep(n)
    return n * n


async def main():
    t = create_task(job(2), name='square')
    values = await gather(job(1), t)
    print(values)
    t2 = create_task(sleep(5), name='sleeper')
    await sleep(1)
    t2.cancel()
    try:
        await t2
    except CancelledError:
        print('sleeper cancelled')
