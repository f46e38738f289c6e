"""Twin of tests/it/futures.rs: done callbacks in order around a task's wakeup; a failing one is logged."""
import asyncio


class Cb:
    def __init__(self, name):
        self.name = name

    def on_done(self, fut):
        print(f"callback {self.name}: {fut.result()}")
        if self.name == "bad":
            raise ValueError("bad callback")


async def waiter(fut):
    print(f"waiter got {await fut}")


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(Cb("first").on_done)
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(0)
    fut.add_done_callback(Cb("bad").on_done)
    fut.add_done_callback(Cb("last").on_done)
    fut.set_result(7)
    await t
