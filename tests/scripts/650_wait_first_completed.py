"""asyncio.wait(FIRST_COMPLETED): returns when the fastest task finishes; the others keep running."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'finished')
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [('slow', 3), ('fast', 1), ('mid', 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print('done:', sorted(t.get_name() for t in done))
    print('pending:', sorted(t.get_name() for t in pending))
    print([t.result() for t in done])
    await asyncio.sleep(5)
    print([t.done() for t in tasks])
