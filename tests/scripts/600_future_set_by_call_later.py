"""A plain future set by a callback scheduled with call_later; main awaits it."""
import asyncio


class Setter:
    def __init__(self, fut, value):
        self.fut = fut
        self.value = value

    def fire(self):
        print("fire at", asyncio.get_running_loop().time())
        self.fut.set_result(self.value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(2, Setter(fut, "hello").fire)
    print("waiting", fut.done())
    value = await fut
    print("got", value, "at", loop.time(), fut.done(), fut.result())
