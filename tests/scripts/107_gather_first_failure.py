"""gather without return_exceptions raises the first exception at once; the other children keep running and are not cancelled."""
import asyncio
import time


async def ok(n):
    await asyncio.sleep(n)
    print('ok', n, 'finished at', time.monotonic())
    return n


async def bad():
    await asyncio.sleep(1)
    raise KeyError('missing')


async def main():
    children = [asyncio.create_task(ok(2), name='ok2'), asyncio.create_task(bad(), name='bad')]
    try:
        await asyncio.gather(*children)
    except KeyError as e:
        print('gather raised', repr(e), 'at', time.monotonic())
    print('ok2 done?', children[0].done())
    await asyncio.sleep(2)
    print('ok2 result', children[0].result())
