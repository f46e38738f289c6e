"""The body of the async with raises: the TaskGroup cancels its children and the body's error comes out in an ExceptionGroup."""
import asyncio


async def child(n):
    try:
        await asyncio.sleep(n)
    finally:
        print('child', n, 'exits')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(2), name='c2')
            tg.create_task(child(3), name='c3')
            await asyncio.sleep(1)
            raise RuntimeError('body failed')
    except Exception as e:
        print('caught', repr(e))
