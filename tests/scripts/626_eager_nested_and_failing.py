"""Eager tasks that create eager tasks, fail in their first step, or run in a TaskGroup."""
import asyncio


async def leaf(n):
    print("leaf", n, "in", asyncio.current_task().get_name())
    await asyncio.sleep(n)
    return n


async def parent():
    print("parent starts")
    child = asyncio.create_task(leaf(1), name="child")
    print("parent after create_task, current:", asyncio.current_task().get_name())
    return await child


async def boom():
    raise ValueError("failed at once")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    p = asyncio.create_task(parent(), name="parent")
    print("main after parent created")
    b = asyncio.create_task(boom(), name="boom")
    print("boom done:", b.done(), repr(b.exception()))
    print(await p)
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(leaf(2), name="t1")
        t2 = tg.create_task(leaf(1), name="t2")
        print("in group:", t1.done(), t2.done())
    print(t1.result(), t2.result())
