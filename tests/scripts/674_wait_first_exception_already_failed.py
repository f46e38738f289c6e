"""FIRST_EXCEPTION when a task has already failed: the wait returns at once (one loop turn)."""
import asyncio


async def boom():
    raise KeyError('k')


async def sleeper():
    await asyncio.sleep(2)
    return 'slept'


async def main():
    b = asyncio.create_task(boom(), name='boom')
    s = asyncio.create_task(sleeper(), name='sleeper')
    await asyncio.sleep(0)
    done, pending = await asyncio.wait([s, b], return_when=asyncio.FIRST_EXCEPTION)
    print([t.get_name() for t in done], [t.get_name() for t in pending])
    print(repr(b.exception()))
    print(await s)
