"""Cancelling a task that awaits a plain future cancels the future too (Task.cancel forwards)."""
import asyncio


async def waiter(fut):
    try:
        return await fut
    finally:
        print("waiter finally: future cancelled =", fut.cancelled())


async def main():
    fut = asyncio.Future()
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(1)
    print(repr(fut))
    t.cancel("bye")
    print("after cancel:", fut.cancelled(), t.done())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw", repr(e))
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("fut.result() raised CancelledError", e.args)
