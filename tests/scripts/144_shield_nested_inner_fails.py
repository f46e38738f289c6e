"""The task inside shield(shield(...)) raises: the exception comes out through both shields."""
import asyncio


async def broken():
    await asyncio.sleep(1)
    raise KeyError('k')


async def main():
    t = asyncio.create_task(broken(), name='broken')
    try:
        await asyncio.shield(asyncio.shield(t))
    except KeyError as e:
        print('caught', repr(e))
    try:
        await asyncio.wait_for(asyncio.shield(asyncio.shield(t)), 5)
    except KeyError as e:
        print('caught again', repr(e))
