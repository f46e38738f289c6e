"""A callback that raises: the loop's exception handler logs it and the loop carries on."""
import asyncio


class Job:
    def __init__(self, name):
        self.name = name

    def run(self):
        print("job", self.name, "runs")
        raise RuntimeError("job " + self.name + " failed")

    def on_done(self, fut):
        print("on_done sees", fut.result())
        return 1 / 0


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(Job("a").run)
    loop.call_later(1, Job("b").run)
    fut = loop.create_future()
    fut.add_done_callback(Job("c").on_done)
    fut.set_result("ok")
    await asyncio.sleep(2)
    print("main still runs")
