"""put_nowait on a full queue raises QueueFull; get_nowait on an empty one raises QueueEmpty."""
import asyncio


async def main():
    q = asyncio.Queue(1)
    q.put_nowait('a')
    try:
        q.put_nowait('b')
    except asyncio.QueueFull as e:
        print('QueueFull', repr(e), q.qsize())
    print(q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty', q.empty())
    unbounded = asyncio.Queue()
    for i in range(100):
        unbounded.put_nowait(i)
    print(unbounded.full(), unbounded.qsize(), unbounded.maxsize)
