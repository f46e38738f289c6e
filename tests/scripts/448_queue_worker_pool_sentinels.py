"""A pool of three workers stops on None sentinels; results are collected in completion order."""
import asyncio


async def worker(name, jobs, results):
    while True:
        job = await jobs.get()
        if job is None:
            jobs.task_done()
            print(name, 'stops')
            return
        await asyncio.sleep(job)
        results.append((name, job))
        jobs.task_done()


async def main():
    jobs = asyncio.Queue()
    results = []
    for d in [0.3, 0.1, 0.2, 0.1, 0.4]:
        jobs.put_nowait(d)
    workers = [asyncio.create_task(worker(f'w{i}', jobs, results), name=f'w{i}') for i in range(3)]
    for _ in workers:
        jobs.put_nowait(None)
    await jobs.join()
    print(results)
    await asyncio.gather(*workers)
