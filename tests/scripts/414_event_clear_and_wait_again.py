"""An event set and cleared again: later waiters block until the next set()."""
import asyncio


async def watcher(ev):
    for round in range(2):
        await ev.wait()
        print('watcher saw round', round)
        await asyncio.sleep(0.5)


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(watcher(ev), name='watcher')
    await asyncio.sleep(1)
    ev.set()
    await asyncio.sleep(0)
    ev.clear()
    print('cleared at 1 s')
    await asyncio.sleep(1)
    ev.set()
    await t
