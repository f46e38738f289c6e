"""Workers pop jobs from a shared collections.deque until it is empty; urgent work goes in at the left."""
import asyncio
from collections import deque


async def worker(name, todo, done):
    while todo:
        job = todo.popleft()
        await asyncio.sleep(job[1])
        done.append(f'{name}:{job[0]}')
        if job[0] == 'b':
            todo.appendleft(('urgent', 0.05))


async def main():
    todo = deque([('a', 0.3), ('b', 0.1), ('c', 0.2), ('d', 0.1)])
    done = deque(maxlen=3)
    await asyncio.gather(worker('w1', todo, done), worker('w2', todo, done))
    print(done, len(done), done.maxlen, 'w1:a' in done)
    d = deque(range(5))
    d.rotate(2)
    print(d, d.pop(), d.popleft(), list(reversed(d)), d[0], d[-1])
    try:
        deque().popleft()
    except IndexError as e:
        print('IndexError:', e)
