"""`break` out of `async for`: the async generator is left suspended (its finally does not run at the break); closing it explicitly with aclose() runs the finally."""
import asyncio


async def numbers():
    try:
        for i in range(10):
            await asyncio.sleep(0.5)
            yield i
    finally:
        print("numbers finally")


async def main():
    agen = numbers()
    async for x in agen:
        print("got", x)
        if x == 2:
            break
    print("after break, nothing finalised yet")
    await asyncio.sleep(1)
    print("next after break:", await agen.__anext__())
    await agen.aclose()
    print("closed; anext now:")
    try:
        await agen.__anext__()
    except StopAsyncIteration as e:
        print("StopAsyncIteration", repr(e))
