"""An import inside a coroutine runs the module while the loop runs: its
top-level print belongs to the importing task, and a second task importing
it later gets the cached module."""
import asyncio


async def first():
    await asyncio.sleep(1)
    import lazy
    print("first sees", lazy.loaded_at)
    return await lazy.fetch()


async def second():
    await asyncio.sleep(2)
    import lazy
    print("second sees", lazy.loaded_at)
    return await lazy.fetch()


async def main():
    print(await asyncio.gather(first(), second()))
