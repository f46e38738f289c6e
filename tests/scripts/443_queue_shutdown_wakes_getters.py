"""Queue.shutdown() (3.13) wakes consumers blocked in get(); they get QueueShutDown."""
import asyncio


async def consumer(name, q):
    try:
        while True:
            item = await q.get()
            print(name, 'got', item)
            q.task_done()
    except asyncio.QueueShutDown:
        print(name, 'queue shut down')


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(f'c{i}', q), name=f'c{i}') for i in range(2)]
    for i in range(3):
        await q.put(i)
    await asyncio.sleep(1)
    print(q)
    q.shutdown()
    print(q)
    await asyncio.gather(*tasks)
    try:
        q.put_nowait(9)
    except asyncio.QueueShutDown:
        print('put after shutdown refused')
