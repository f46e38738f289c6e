"""CancelledError derives from BaseException: `except Exception` does not catch it, so a broad handler does not swallow cancellation."""
import asyncio


async def careless():
    try:
        await asyncio.sleep(10)
    except Exception as e:
        print('not reached', repr(e))
    finally:
        print('finally still runs')


async def main():
    print(isinstance(asyncio.CancelledError(), Exception), isinstance(TimeoutError(), Exception))
    t = asyncio.create_task(careless(), name='careless')
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except Exception:
        print('not reached either')
    except asyncio.CancelledError:
        print('only except CancelledError catches it')
