"""Cancelling a task suspended inside an async generator: CancelledError is raised at the generator's await, its finally runs, and the cancellation propagates to the consumer."""
import asyncio


async def stream():
    try:
        i = 0
        while True:
            await asyncio.sleep(1)
            yield i
            i += 1
    finally:
        print("stream finally at", asyncio.get_running_loop().time())


async def reader():
    try:
        async for x in stream():
            print("reader got", x)
    except asyncio.CancelledError:
        print("reader sees CancelledError")
        raise
    finally:
        print("reader finally")


async def main():
    t = asyncio.create_task(reader())
    await asyncio.sleep(2.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main: reader cancelled", t.cancelled())
