"""Twin of tests/it/futures.rs: a future set by a call_later callback wakes main."""
import asyncio


class Setter:
    def __init__(self, fut):
        self.fut = fut

    def fire(self):
        print(f"fire at {asyncio.get_running_loop().time()!r}")
        self.fut.set_result(42)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(2, Setter(fut).fire)
    value = await fut
    print(f"got {value} at {loop.time()!r}")
