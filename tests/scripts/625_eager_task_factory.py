"""The eager task factory: a task's first step runs inside create_task; one that finishes there is never scheduled."""
import asyncio


async def quick(n):
    print("quick", n, "runs at once; current:", asyncio.current_task().get_name())
    return n * 10


async def slow(n):
    print("slow", n, "starts at once")
    await asyncio.sleep(1)
    print("slow", n, "resumes")
    return n


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_task_factory())
    loop.set_task_factory(asyncio.eager_task_factory)
    print(loop.get_task_factory() is asyncio.eager_task_factory)
    q = asyncio.create_task(quick(1), name="quick1")
    print("after create_task: done =", q.done(), "current:", asyncio.current_task().get_name())
    s = asyncio.create_task(slow(2), name="slow2")
    print("slow2 done?", s.done())
    print(await q, await s)
    print(await asyncio.gather(quick(3), slow(4)))
    loop.set_task_factory(None)
    lazy = asyncio.create_task(quick(5), name="lazy")
    print("lazy done?", lazy.done())
    print(await lazy)
