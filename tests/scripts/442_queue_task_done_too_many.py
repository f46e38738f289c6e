"""task_done() called more often than items were put raises ValueError; join() on a finished queue returns at once."""
import asyncio


async def main():
    q = asyncio.Queue()
    await q.join()
    print('join on an empty queue returns at once')
    q.put_nowait(1)
    q.get_nowait()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print(e)
    await q.join()
    print('done', q)
