"""async with during cancellation: __aexit__ sees CancelledError, awaits cleanup, and may suppress it."""
import asyncio


class Guard:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print(self.name, "acquired")
        return self

    async def __aexit__(self, et, ev, tb):
        print(self.name, "exit with", et.__name__ if et else None)
        await asyncio.sleep(0.5)
        print(self.name, "cleanup finished")
        return self.suppress


async def cancelled_inside():
    async with Guard("g1"):
        await asyncio.sleep(10)


async def suppressed_inside():
    async with Guard("g2", suppress=True):
        await asyncio.sleep(10)
    print("g2 task keeps going after suppressing")
    await asyncio.sleep(0.5)
    return "survived"


async def main():
    t1 = asyncio.create_task(cancelled_inside())
    t2 = asyncio.create_task(suppressed_inside())
    await asyncio.sleep(1)
    t1.cancel()
    t2.cancel()
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled", t1.cancelled())
    print("t2 result", await t2, t2.cancelled(), t2.cancelling())
