"""An exception raised inside an except block replaces the one being handled; finally still runs; the task ends with the new one."""
import asyncio


async def handler():
    try:
        await asyncio.sleep(1)
        raise ValueError('first')
    except ValueError:
        await asyncio.sleep(1)
        raise KeyError('second')
    finally:
        print('handler finally')


async def main():
    t = asyncio.create_task(handler(), name='handler')
    try:
        await t
    except KeyError as e:
        print('main got', repr(e))
    except ValueError as e:
        print('unexpected', repr(e))
