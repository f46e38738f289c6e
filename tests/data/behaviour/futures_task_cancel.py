"""Twin of tests/it/futures.rs: cancelling a task that awaits a future cancels the future."""
import asyncio


async def waiter(fut):
    try:
        return await fut
    except asyncio.CancelledError:
        print(f"waiter cancelled; future cancelled: {fut.cancelled()}")
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"main: waiter cancelled {t.cancelled()}")
