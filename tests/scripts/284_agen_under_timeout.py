"""An async generator consumed under asyncio.timeout(): the deadline cancels the consumer while it waits inside the generator; the generator's finally runs; TimeoutError surfaces."""
import asyncio


async def slow_feed():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.75)
            n += 1
            yield n
    finally:
        print("slow_feed finally at", asyncio.get_running_loop().time())


async def main():
    got = []
    try:
        async with asyncio.timeout(2):
            async for x in slow_feed():
                got.append(x)
                print("got", x)
    except TimeoutError:
        print("timed out with", got, "at", asyncio.get_running_loop().time())
    agen = slow_feed()
    try:
        async with asyncio.timeout(0.5):
            await agen.__anext__()
    except TimeoutError:
        print("first item too slow")
    try:
        await agen.__anext__()
    except StopAsyncIteration:
        print("the generator was finished by the cancellation")
