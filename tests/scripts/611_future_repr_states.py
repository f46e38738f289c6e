"""repr() of a plain future in each state, with the awaiting task's wakeup in cb=[...]."""
import asyncio


async def waiter(fut):
    try:
        await fut
    except Exception:
        pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(repr(fut))
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print(repr(fut))
    fut.set_result([1, "two"])
    print(repr(fut))
    bad = loop.create_future()
    bad.set_exception(ValueError("nope"))
    print(repr(bad))
    bad.exception()
    gone = loop.create_future()
    gone.cancel()
    print(repr(gone), str(gone))
    await t
    print(asyncio.iscoroutine(t.get_coro()), t.get_loop() is loop)
