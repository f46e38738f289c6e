"""contextlib with `async with`: an @asynccontextmanager that awaits on entry and exit (the awaits are the task's), an exception inside the block reaching the generator, and aclosing() of an async generator after a break."""
import asyncio
from contextlib import aclosing, asynccontextmanager


@asynccontextmanager
async def lease(name):
    print("acquire", name)
    await asyncio.sleep(0.5)
    try:
        yield f"lease-{name}"
    except RuntimeError as e:
        print(name, "saw", e)
        raise
    finally:
        await asyncio.sleep(0.5)
        print("release", name, "at", asyncio.get_running_loop().time())


async def ticks():
    try:
        for i in range(10):
            await asyncio.sleep(0.25)
            yield i
    finally:
        print("ticks closed at", asyncio.get_running_loop().time())


async def worker(name):
    async with lease(name) as l:
        print("working with", l)
        await asyncio.sleep(1)
    return name


async def main():
    print(await asyncio.gather(worker("x"), worker("y")))
    try:
        async with lease("z"):
            raise RuntimeError("inside z")
    except RuntimeError as e:
        print("main caught", e)
    async with aclosing(ticks()) as t:
        async for i in t:
            if i == 2:
                break
    print("done at", asyncio.get_running_loop().time())
