"""Cancelling a task deep in a coroutine chain runs every finally from the innermost outwards."""
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    finally:
        print('inner finally')


async def middle():
    try:
        await inner()
    finally:
        print('middle finally')


async def outer():
    try:
        await middle()
    except asyncio.CancelledError:
        print('outer except')
        raise
    finally:
        print('outer finally')


async def main():
    t = asyncio.create_task(outer(), name='outer')
    await asyncio.sleep(2)
    t.cancel()
    await asyncio.sleep(0)
    print('after one yield: cancelled', t.cancelled())
