"""Cancelling a task that waits in as_completed: its CancelledError, the producers unaffected."""
import asyncio


async def produce(d):
    await asyncio.sleep(d)
    return d


async def consume(tasks):
    try:
        for aw in asyncio.as_completed(tasks):
            print('consumed', await aw)
    except asyncio.CancelledError:
        print('consumer cancelled')
        raise


async def main():
    tasks = [asyncio.create_task(produce(d), name=f'p{d}') for d in (1, 3)]
    c = asyncio.create_task(consume(tasks), name='consumer')
    await asyncio.sleep(2)
    c.cancel()
    await asyncio.sleep(2)
    print(c.cancelled(), [t.result() for t in tasks])
