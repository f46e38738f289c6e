"""13 jobs on 12 workers; the task waiting for the queued 13th is cancelled: its job is cancelled in the queue and never starts."""
import asyncio
import time


def job(i):
    time.sleep(1)
    print('job', i, 'ran')
    return i


async def main():
    tasks = [asyncio.create_task(asyncio.to_thread(job, i)) for i in range(13)]
    await asyncio.sleep(0.5)
    tasks[12].cancel()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(d).__name__ for d in done][-2:], time.monotonic())
