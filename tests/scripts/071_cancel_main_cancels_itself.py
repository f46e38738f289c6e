"""main cancels itself and does not catch it: main ends cancelled, and the still-running task is cleaned up by the shutdown."""
import asyncio


async def helper():
    try:
        await asyncio.sleep(5)
    finally:
        print('helper cleanup')


async def main():
    asyncio.create_task(helper(), name='helper')
    await asyncio.sleep(1)
    asyncio.current_task().cancel('main gives up')
    print('cancel requested, awaiting once more')
    await asyncio.sleep(1)
    print('not printed')
