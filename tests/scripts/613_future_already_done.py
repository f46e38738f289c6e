"""Awaiting a future that is already done does not suspend; a callback added to a done future is scheduled at once."""
import asyncio


def late(fut):
    print("late callback", fut.result())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    loop.call_soon(print, "queued before")
    fut.add_done_callback(late)
    print("await:", await fut)
    print("no suspension yet")
    await asyncio.sleep(0)
    print("after one yield")
