"""InvalidStateError: result() and exception() of a task that is not done yet; CancelledError from result() of a cancelled task."""
import asyncio


async def slow():
    await asyncio.sleep(5)
    return 'slow'


async def main():
    t = asyncio.create_task(slow(), name='slow')
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print('result():', repr(e))
    try:
        t.exception()
    except asyncio.InvalidStateError as e:
        print('exception():', e)
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.sleep(0)
    print('cancelled:', t.cancelled(), 'done:', t.done())
    try:
        t.result()
    except asyncio.CancelledError:
        print('result() of a cancelled task raises CancelledError')
    try:
        t.exception()
    except asyncio.CancelledError:
        print('exception() too')
