"""The common pattern: race with FIRST_COMPLETED, then cancel the losers and wait for them."""
import asyncio


async def mirror(name, delay):
    try:
        await asyncio.sleep(delay)
        return f'data from {name}'
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise


async def main():
    tasks = {asyncio.create_task(mirror(n, d), name=n) for n, d in [('eu', 0.3), ('us', 0.1), ('asia', 0.5)]}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    winner = done.pop()
    print('winner', winner.get_name(), winner.result())
    for t in sorted(pending, key=lambda t: t.get_name()):
        t.cancel()
    done, _ = await asyncio.wait(pending)
    print(sorted((t.get_name(), t.cancelled()) for t in done))
