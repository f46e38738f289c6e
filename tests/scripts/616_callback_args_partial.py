"""Callbacks with positional arguments, and functools.partial, on call_soon and call_later."""
import asyncio
import functools


def add(a, b, label="sum"):
    print(label, a + b)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(add, 1, 2)
    loop.call_soon(functools.partial(add, 10, label="partial"), 5)
    loop.call_later(0.5, add, "x", "y")
    fut = loop.create_future()
    fut.add_done_callback(functools.partial(print, "fut done:"))
    loop.call_later(1, fut.set_result, "value")
    print(await fut)
