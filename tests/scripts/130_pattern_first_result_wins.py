"""Race: several replicas answer; the first answer is taken (polling done()) and the slower ones are cancelled."""
import asyncio


async def replica(name, delay):
    try:
        await asyncio.sleep(delay)
        return f'{name} answered'
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise


async def main():
    tasks = [asyncio.create_task(replica(n, d), name=n) for n, d in [('r1', 3), ('r2', 1.5), ('r3', 2)]]
    winner = None
    while winner is None:
        await asyncio.sleep(0.5)
        for t in tasks:
            if t.done():
                winner = t
                break
    for t in tasks:
        if t is not winner:
            t.cancel()
    print(winner.result())
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    print([o if isinstance(o, str) else 'cancelled' for o in outcomes])
