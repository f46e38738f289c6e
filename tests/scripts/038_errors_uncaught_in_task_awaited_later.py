"""A task fails while main is busy; main retrieves the exception later with exception() and by awaiting."""
import asyncio


async def fails():
    await asyncio.sleep(1)
    raise OSError('disk full')


async def main():
    t = asyncio.create_task(fails(), name='fails')
    await asyncio.sleep(3)
    print('done:', t.done(), 'cancelled:', t.cancelled())
    print('exception():', repr(t.exception()))
    try:
        t.result()
    except OSError as e:
        print('result() raised', e)
    try:
        await t
    except OSError as e:
        print('await raised', repr(e))
