"""cancel() twice on a pending task returns True both times; cancel() on a finished task returns False and changes nothing."""
import asyncio


async def quick():
    await asyncio.sleep(1)
    return 'quick'


async def main():
    q = asyncio.create_task(quick(), name='quick')
    s = asyncio.create_task(asyncio.sleep(10), name='slow')
    await asyncio.sleep(2)
    print('cancel finished task:', q.cancel(), q.result(), q.cancelled())
    print('first cancel:', s.cancel(), 'second cancel:', s.cancel('again'))
    try:
        await s
    except asyncio.CancelledError as e:
        print('slow cancelled with', repr(e))
    print('cancel cancelled task:', s.cancel())
