"""PriorityQueue hands out (priority, name) tuples lowest first; ties broken by the name."""
import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for job in [(2, 'write report'), (1, 'fix bug'), (3, 'lunch'), (1, 'deploy'), (2, 'email')]:
        await q.put(job)
    print(q)
    while not q.empty():
        prio, name = await q.get()
        print(prio, name)
