"""A second cancel arrives while the task awaits inside its cleanup handler; the cleanup is interrupted."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('cleanup starts')
        try:
            await asyncio.sleep(5)
            print('cleanup finished')
        except asyncio.CancelledError:
            print('cleanup interrupted')
            raise
        raise


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    t.cancel('first')
    await asyncio.sleep(1)
    t.cancel('second')
    try:
        await t
    except asyncio.CancelledError as e:
        print('worker ended:', e)
