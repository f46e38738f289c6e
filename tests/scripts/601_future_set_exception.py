"""A future failed by a callback: the awaiting task gets the exception; exception() returns it."""
import asyncio


class Failer:
    def __init__(self, fut):
        self.fut = fut

    def fail(self):
        self.fut.set_exception(KeyError("missing"))


async def waiter(fut):
    try:
        await fut
    except KeyError as e:
        print("waiter caught", repr(e))
        return "handled"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    loop.call_later(1, Failer(fut).fail)
    print(await t)
    print("exception():", repr(fut.exception()))
    try:
        fut.result()
    except KeyError as e:
        print("result() raised", repr(e))
