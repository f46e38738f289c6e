"""Tasks whose coroutines live in another module: their names and coro
names, an exception class defined there raised and caught here, and a task
cancelled while it sleeps in the module's code."""
import asyncio
import jobs
from jobs import JobFailed, job


async def main():
    print(await jobs.supervise(["a", "b", "c"]))
    t = asyncio.create_task(job("slow", 10))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("slow cancelled", t.cancelled())
    try:
        await job("x", 0, fail=True)
    except JobFailed as e:
        print(type(e).__name__, e, isinstance(e, Exception))
