"""Async generators end with StopAsyncIteration; a StopAsyncIteration or StopIteration raised inside the body becomes a RuntimeError; an exception inside propagates through async for."""
import asyncio


async def short():
    yield "only"


async def raises_sai():
    yield 1
    raise StopAsyncIteration


async def raises_si():
    yield 1
    raise StopIteration("inside")


async def broken():
    yield 1
    await asyncio.sleep(1)
    raise KeyError("broken at t=1")


async def main():
    s = short()
    print(await s.__anext__())
    try:
        await s.__anext__()
    except StopAsyncIteration as e:
        print("end:", repr(e))
    for make in [raises_sai, raises_si]:
        try:
            async for x in make():
                print(make.__name__, "yielded", x)
        except RuntimeError as e:
            print("RuntimeError:", e, "| cause:", repr(e.__cause__))
    try:
        async for x in broken():
            print("broken yielded", x)
    except KeyError as e:
        print("KeyError", e, "at", asyncio.get_running_loop().time())
