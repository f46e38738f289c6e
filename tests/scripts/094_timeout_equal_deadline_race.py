"""The task's sleep ends exactly at the wait_for deadline: both timers fire in the same loop iteration before the task resumes, so the timeout's cancel still reaches the task and wait_for raises TimeoutError; the same for equal nested asyncio.timeout deadlines."""
import asyncio


async def job(n):
    await asyncio.sleep(n)
    return f'job({n})'


async def main():
    t = asyncio.create_task(job(1), name='job_first')
    await asyncio.sleep(0)
    try:
        print('task first:', await asyncio.wait_for(t, timeout=1))
    except TimeoutError:
        print('task first: TimeoutError')
    try:
        print('timeout first:', await asyncio.wait_for(job(1), timeout=1))
    except TimeoutError:
        print('timeout first: TimeoutError')
    try:
        async with asyncio.timeout(1):
            async with asyncio.timeout(1):
                await asyncio.sleep(2)
    except TimeoutError:
        print('equal nested deadlines: TimeoutError')
