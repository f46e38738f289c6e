"""asyncio.wait_for(event.wait(), 0.5) on an event never set: TimeoutError; the waiter leaves the event."""
import asyncio


async def main():
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.5)
    except TimeoutError:
        print('not set in time', ev)
    asyncio.get_running_loop()
    async def setter():
        await asyncio.sleep(0.2)
        ev.set()
    asyncio.create_task(setter())
    print(await asyncio.wait_for(ev.wait(), 0.5))
