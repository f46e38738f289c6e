"""result() and exception() of a cancelled future raise CancelledError with the message."""
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    print(fut.cancel(msg="no longer needed"), fut.cancelled(), fut.done())
    for get in (fut.result, fut.exception):
        try:
            get()
        except asyncio.CancelledError as e:
            print("CancelledError", e.args)
    try:
        await fut
    except asyncio.CancelledError as e:
        print("await raised", e.args)
