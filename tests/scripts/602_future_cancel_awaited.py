"""Cancelling a future that a task awaits: the task gets CancelledError with the message."""
import asyncio


async def waiter(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        print("waiter: cancelled with", e.args)
        raise


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(1)
    print("cancel returned", fut.cancel("stop it"))
    print("again", fut.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled(), "future cancelled:", fut.cancelled())
