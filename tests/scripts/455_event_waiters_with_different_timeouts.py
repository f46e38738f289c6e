"""Three waiters with different deadlines on one event: those whose deadline passes first time out, the rest are woken."""
import asyncio


async def waiter(ev, name, timeout):
    try:
        await asyncio.wait_for(ev.wait(), timeout)
        print(name, 'saw the event')
    except TimeoutError:
        print(name, 'timed out')


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, f'w{t}', t)) for t in (1, 2, 3)]
    await asyncio.sleep(1.5)
    print(ev)
    ev.set()
    await asyncio.gather(*tasks)
