"""wait_for on a plain future that is never set: the timeout cancels the future."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        await asyncio.wait_for(fut, 1.5)
    except TimeoutError:
        print("timed out at", loop.time(), "future cancelled:", fut.cancelled())
    ok = loop.create_future()
    loop.call_later(0.5, ok.set_result, "in time")
    print(await asyncio.wait_for(ok, 1))
