"""A loop callback creates a task: the task has no creator task and runs on the next iteration."""
import asyncio

started = []


async def job(n):
    print("job", n, "runs, current task:", asyncio.current_task().get_name())
    await asyncio.sleep(1)
    return n * 2


def spawn(n):
    print("callback: current task is", asyncio.current_task())
    started.append(asyncio.create_task(job(n), name=f"job{n}"))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(spawn, 1)
    loop.call_later(0.5, spawn, 2)
    await asyncio.sleep(1)
    print([await t for t in started])
