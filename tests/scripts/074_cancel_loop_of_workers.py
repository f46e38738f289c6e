"""Cancel a whole list of workers at once and collect how each ended."""
import asyncio


async def worker(i):
    try:
        await asyncio.sleep(i)
        return i
    except asyncio.CancelledError:
        print('worker', i, 'cancelled')
        raise


async def main():
    workers = [asyncio.create_task(worker(i), name=f'worker{i}') for i in range(1, 6)]
    await asyncio.sleep(2.5)
    for w in workers:
        if not w.done():
            w.cancel()
    outcome = []
    for w in workers:
        try:
            outcome.append(await w)
        except asyncio.CancelledError:
            outcome.append('cancelled')
    print(outcome)
