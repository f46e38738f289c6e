"""InvalidStateError: set twice, result()/exception() of a pending future, set after cancel."""
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    for attempt in (fut.result, fut.exception):
        try:
            attempt()
        except asyncio.InvalidStateError as e:
            print(type(e).__name__, e)
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print("second set_result:", e)
    try:
        fut.set_exception(ValueError("late"))
    except asyncio.InvalidStateError as e:
        print("set_exception on done:", e)
    print(fut.result(), fut.exception())
    other = asyncio.Future()
    other.cancel()
    try:
        other.set_result(3)
    except asyncio.InvalidStateError as e:
        print("set_result on cancelled:", e)
    print(isinstance(asyncio.InvalidStateError(), Exception))
