"""A fixed pool of workers drains a shared job list; each worker reports how many jobs it did."""
import asyncio


async def worker(name, jobs, done):
    count = 0
    while len(jobs) > 0:
        job = jobs.pop(0)
        await asyncio.sleep(job)
        done.append((name, job))
        count += 1
    return count


async def main():
    jobs = [1, 0.5, 2, 0.25, 1, 0.75]
    done = []
    counts = await asyncio.gather(*[worker(f'w{i}', jobs, done) for i in range(3)])
    print(counts)
    print(done)
