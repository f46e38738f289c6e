"""Done callbacks run in the order they were added, interleaved with the wakeups of awaiting tasks."""
import asyncio


class Cb:
    def __init__(self, name):
        self.name = name

    def __call__(self, fut):
        print("callback", self.name, fut.result())


async def waiter(name, fut):
    v = await fut
    print("task", name, "woke with", v)


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(Cb("first"))
    a = asyncio.create_task(waiter("a", fut))
    await asyncio.sleep(0)
    fut.add_done_callback(Cb("second"))
    b = asyncio.create_task(waiter("b", fut))
    await asyncio.sleep(0)
    fut.add_done_callback(Cb("third"))
    fut.set_result(7)
    print("set; nothing ran yet")
    await asyncio.gather(a, b)
    fut.add_done_callback(Cb("late"))
    print("late added")
    await asyncio.sleep(0)
