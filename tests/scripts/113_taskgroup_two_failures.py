"""Two children fail at the same time: both exceptions end up in the ExceptionGroup, in order of failure."""
import asyncio


class FirstError(Exception):
    pass


class SecondError(Exception):
    pass


async def fail(exc, delay):
    await asyncio.sleep(delay)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(FirstError('one'), 1), name='one')
            tg.create_task(fail(SecondError('two'), 1), name='two')
            tg.create_task(asyncio.sleep(5), name='sleeper')
    except Exception as e:
        print(repr(e))
