"""A deadlock during the asyncio.run shutdown: the cancelled task's cleanup
awaits a shield of itself. The shutdown stops with a 'deadlock' log."""
import asyncio


async def stuck():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('stuck: cleanup waits for myself')
        await asyncio.shield(asyncio.current_task())


async def main():
    asyncio.create_task(stuck(), name='stuck')
    await asyncio.sleep(1)
    print('main returns')
