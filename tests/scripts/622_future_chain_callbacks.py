"""A done callback completes a second future: a chain of futures, each waking its awaiting task."""
import asyncio


class Relay:
    def __init__(self, target):
        self.target = target

    def __call__(self, source):
        print("relay", source.result())
        self.target.set_result(source.result() + 1)


async def waiter(name, fut):
    print(name, "got", await fut)


async def main():
    loop = asyncio.get_running_loop()
    first, second, third = loop.create_future(), loop.create_future(), loop.create_future()
    first.add_done_callback(Relay(second))
    second.add_done_callback(Relay(third))
    ts = [asyncio.create_task(waiter(n, f), name=n) for n, f in (("t1", first), ("t2", second), ("t3", third))]
    loop.call_later(1, first.set_result, 1)
    await asyncio.gather(*ts)
