"""Jobs as namedtuples, sorted with operator.attrgetter / itemgetter, run in priority order."""
import asyncio
from collections import namedtuple
from operator import attrgetter, itemgetter

Job = namedtuple('Job', ['priority', 'name', 'seconds'])
Result = namedtuple('Result', 'name took status', defaults=['ok'])


async def run(job):
    await asyncio.sleep(job.seconds)
    return Result(job.name, job.seconds)


async def main():
    jobs = [Job(2, 'index', 0.3), Job(1, 'backup', 0.5), Job(3, 'email', 0.1)]
    for job in sorted(jobs, key=attrgetter('priority')):
        print(job, job.name, job[2])
    results = await asyncio.gather(*(run(j) for j in sorted(jobs)))
    print(results)
    print(sorted(results, key=itemgetter(1)), results[0]._asdict())
    p, n, s = jobs[0]
    print(p, n, s, len(jobs[0]), jobs[0] == (2, 'index', 0.3), jobs[0]._replace(seconds=9))
    print(Job._make([0, 'x', 1]), Job._fields)
    try:
        Job(1, 2)
    except TypeError as e:
        print('TypeError:', e)
