"""Calling a coroutine function without awaiting it runs nothing; dropping the object warns 'never awaited'."""
import asyncio


async def side_effect():
    print('this never prints')
    await asyncio.sleep(1)


async def main():
    coro = side_effect()
    print('created a coroutine object, nothing ran')
    await asyncio.sleep(1)
    coro = None
    print('after dropping it')
    await asyncio.sleep(1)
