"""Twin of tests/it/futures.rs: call_soon callbacks and task steps share one FIFO queue."""
import asyncio


class Note:
    def __init__(self, what):
        self.what = what

    def run(self):
        print(f"callback {self.what}")


async def worker(n):
    for i in range(n):
        print(f"{asyncio.current_task().get_name()} step {i}")
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(Note("A").run)
    t1 = asyncio.create_task(worker(3), name="w1")
    loop.call_soon(Note("B").run)
    t2 = asyncio.create_task(worker(2), name="w2")
    h = loop.call_soon(Note("C").run)
    h.cancel()
    await asyncio.sleep(0)
    loop.call_soon(Note("D").run)
    await t1
    await t2
