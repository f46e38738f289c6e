"""gather edge cases: the same task passed twice, an already finished task, a failure while other children still finish later."""
import asyncio
import time


async def value(v, d):
    await asyncio.sleep(d)
    return v


async def fail(d):
    await asyncio.sleep(d)
    raise ValueError('bad')


async def main():
    t = asyncio.create_task(value('same', 1), name='same')
    print(await asyncio.gather(t, t, value('other', 0.5)))
    print(await asyncio.gather(t, value('again', 0)))
    u = asyncio.create_task(value('late', 3), name='late')
    bad = asyncio.create_task(fail(1), name='bad')
    try:
        await asyncio.gather(u, bad, asyncio.sleep(0.5, 'x'))
        print('no error')
    except ValueError as e:
        print('gather raised', repr(e), 'at', time.monotonic())
    print('late done?', u.done(), await u, 'at', time.monotonic())
