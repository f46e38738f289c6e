"""Two tasks wait in join(); both resume once the last item is marked done."""
import asyncio


async def joiner(name, q):
    await q.join()
    print(name, 'joined')


async def main():
    q = asyncio.Queue()
    for i in range(2):
        q.put_nowait(i)
    js = [asyncio.create_task(joiner(f'j{i}', q), name=f'j{i}') for i in range(2)]
    await asyncio.sleep(1)
    q.get_nowait()
    q.task_done()
    await asyncio.sleep(1)
    print('one left', q)
    q.get_nowait()
    q.task_done()
    await asyncio.gather(*js)
