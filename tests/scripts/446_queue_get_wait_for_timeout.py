"""asyncio.wait_for(queue.get(), 1) on an empty queue: TimeoutError; the getter is removed and a later put is not lost."""
import asyncio


async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), 1)
    except TimeoutError:
        print('nothing within 1 s', q)
    q.put_nowait('late')
    print(await asyncio.wait_for(q.get(), 1))
