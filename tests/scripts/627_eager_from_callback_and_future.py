"""An eager task created by a loop callback, awaiting a plain future that another callback sets."""
import asyncio


async def consumer(fut):
    print("consumer starts, current:", asyncio.current_task().get_name())
    value = await fut
    print("consumer got", value)


class Spawner:
    def __init__(self, fut):
        self.fut = fut
        self.task = None

    def spawn(self):
        self.task = asyncio.create_task(consumer(self.fut), name="consumer")
        print("callback: consumer done?", self.task.done(), "current:", asyncio.current_task())


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    fut = loop.create_future()
    sp = Spawner(fut)
    loop.call_soon(sp.spawn)
    loop.call_later(1, fut.set_result, "data")
    await asyncio.sleep(2)
    print(sp.task.done())
