"""PriorityQueue compares items with <: items that do not support < raise TypeError and are not counted."""
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    q.put_nowait((1, 'a'))
    try:
        q.put_nowait('text')
    except TypeError as e:
        print('TypeError:', e)
    print(q.qsize())
    p = asyncio.PriorityQueue()
    p.put_nowait({'job': 1})
    try:
        p.put_nowait({'job': 2})
    except TypeError as e:
        print('TypeError:', e)
