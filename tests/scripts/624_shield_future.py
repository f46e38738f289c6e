"""A task awaiting shield(fut) is cancelled; the plain future itself survives and is set later."""
import asyncio


async def guarded(fut):
    try:
        return await asyncio.shield(fut)
    except asyncio.CancelledError:
        print("guarded cancelled; fut cancelled?", fut.cancelled())
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(guarded(fut), name="guarded")
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.sleep(0)
    loop.call_later(1, fut.set_result, "still here")
    print(await fut, t.cancelled())
