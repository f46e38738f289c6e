"""shutdown(immediate=True) drops the items left and marks them done, releasing a task blocked in join()."""
import asyncio


async def main():
    q = asyncio.Queue()
    for i in range(4):
        q.put_nowait(i)
    print(q.get_nowait())
    async def joiner():
        await q.join()
        print('join returned')
    j = asyncio.create_task(joiner(), name='joiner')
    await asyncio.sleep(1)
    print(q)
    q.shutdown(immediate=True)
    print(q, q.qsize())
    await j
    try:
        await q.get()
    except asyncio.QueueShutDown:
        print('get raises at once')
