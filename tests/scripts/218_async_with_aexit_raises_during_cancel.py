"""An exception inside __aexit__ during cancellation replaces the CancelledError."""
import asyncio


class Flaky:
    async def __aenter__(self):
        return self

    async def __aexit__(self, et, ev, tb):
        print("aexit got", et.__name__ if et else None)
        await asyncio.sleep(0.2)
        raise OSError("cleanup failed")


async def job():
    async with Flaky():
        await asyncio.sleep(5)


async def main():
    t = asyncio.create_task(job())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except OSError as e:
        print("OSError:", e, t.cancelled())
    t2 = asyncio.create_task(job())
    await asyncio.sleep(0.5)
    t2.cancel()
    await asyncio.sleep(1)
    print(t2.done(), t2.cancelled(), repr(t2.exception()))
