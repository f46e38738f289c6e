"""gather() over plain futures set by callbacks at different times: results in argument order."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    for i, f in enumerate(futs):
        loop.call_later(3 - i, f.set_result, i * 10)
    print(await asyncio.gather(*futs), loop.time())
    bad = loop.create_future()
    good = loop.create_future()
    loop.call_soon(good.set_result, "good")
    loop.call_later(1, bad.set_exception, ValueError("bad"))
    print(await asyncio.gather(good, bad, return_exceptions=True))
