"""itertools.count hands out ids, cycle assigns jobs to workers round robin, islice takes a batch."""
import asyncio
import itertools
from itertools import count, cycle, islice

ids = count(1)


async def worker(name, jobs):
    for job in jobs:
        await asyncio.sleep(0.1 * job)
        print(f'{name} did job {job} (ticket {next(ids)})')


async def main():
    names = cycle(['w1', 'w2', 'w3'])
    plan = {}
    for job in islice(count(1), 7):
        plan.setdefault(next(names), []).append(job)
    print(plan)
    await asyncio.gather(*(worker(n, jobs) for n, jobs in plan.items()))
    print(list(islice(itertools.repeat('x'), 3)), list(islice(count(10, 5), 4)), next(ids))
