"""wait_for(shield(task)): the timeout cancels only the shield's outer future; the task keeps running and can be awaited afterwards."""
import asyncio
import time


async def report():
    await asyncio.sleep(4)
    return 'report ready'


async def main():
    t = asyncio.create_task(report(), name='report')
    try:
        await asyncio.wait_for(asyncio.shield(t), timeout=1)
    except TimeoutError:
        print('gave up waiting at', time.monotonic(), '- still running:', not t.done())
    print(await t, 'at', time.monotonic())
