"""set_exception with a class instantiates it; a StopIteration is stored as a RuntimeError."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_exception(StopIteration("no"))
    print(fut.done(), repr(fut.exception()))
    other = loop.create_future()
    other.set_exception(LookupError)
    print(repr(other.exception()), other.done())
    try:
        await other
    except LookupError as e:
        print("await raised", repr(e))
    try:
        other.set_exception(ValueError)
    except asyncio.InvalidStateError as e:
        print("second set_exception:", e)
