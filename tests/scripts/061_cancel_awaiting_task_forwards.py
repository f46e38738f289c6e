"""Cancelling a task that awaits another task forwards the cancel to the inner task; both end cancelled, inner first."""
import asyncio


async def child():
    try:
        await asyncio.sleep(5)
    finally:
        print('child finally')


async def parent():
    c = asyncio.create_task(child(), name='child')
    try:
        await c
    finally:
        print('parent finally, child cancelled:', c.cancelled())


async def main():
    p = asyncio.create_task(parent(), name='parent')
    await asyncio.sleep(1)
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print('parent cancelled:', p.cancelled())
