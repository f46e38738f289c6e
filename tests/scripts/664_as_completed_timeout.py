"""as_completed(timeout=...): after the timeout every remaining await raises TimeoutError; tasks run on."""
import asyncio


async def fetch(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(fetch(d), name=f'f{d}') for d in (1, 5, 2, 7)]
    for aw in asyncio.as_completed(tasks, timeout=3):
        try:
            print('got', await aw)
        except TimeoutError:
            print('timed out at', asyncio.get_running_loop().time())
    print([t.done() for t in tasks])
    for t in tasks:
        t.cancel()
