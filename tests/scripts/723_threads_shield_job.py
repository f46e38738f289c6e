"""shield(run_in_executor(...)) under wait_for: the timeout cancels the outer future only; the job's future still completes."""
import asyncio
import time


def compute():
    time.sleep(2)
    return 'computed'


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, compute)
    try:
        await asyncio.wait_for(asyncio.shield(fut), 1)
    except TimeoutError:
        print('timeout; job future done?', fut.done())
    print('then', await fut, time.monotonic())
