"""`async for` needs an async iterable: a list, a sync generator or a coroutine give CPython's TypeErrors; anext of an exhausted async generator keeps raising StopAsyncIteration."""
import asyncio


def sync_gen():
    yield 1


async def coro():
    return 1


async def main():
    for bad in [[1, 2], sync_gen(), 5]:
        try:
            async for x in bad:
                print("never", x)
        except TypeError as e:
            print("TypeError:", e)
    c = coro()
    try:
        async for x in c:
            print("never")
    except TypeError as e:
        print("TypeError:", e)
    await c
    try:
        items = [1]
        [x async for x in items]
    except TypeError as e:
        print("comprehension TypeError:", e)
