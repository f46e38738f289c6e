"""task.add_done_callback: callbacks run after the task ends, before the tasks awaiting it resume."""
import asyncio


def report(task):
    print("done callback:", task.get_name(), task.result())


async def child():
    await asyncio.sleep(1)
    return 42


async def watcher(t):
    print("watcher got", await t)


async def main():
    t = asyncio.create_task(child(), name="child")
    w = asyncio.create_task(watcher(t), name="watcher")
    t.add_done_callback(report)
    await asyncio.sleep(0)
    t.add_done_callback(report)
    print(await t)
    t.add_done_callback(report)
    await w
    await asyncio.sleep(0)
