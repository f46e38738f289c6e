"""An exception raised deep in a coroutine chain unwinds through every await, running each finally on the way."""
import asyncio


async def level3():
    try:
        await asyncio.sleep(1)
        raise LookupError('deep')
    finally:
        print('level3 finally')


async def level2():
    try:
        return await level3()
    finally:
        print('level2 finally')


async def level1():
    try:
        await level2()
    except LookupError as e:
        print('level1 caught', repr(e))
        raise ValueError('wrapped') from e


async def main():
    t = asyncio.create_task(level1(), name='level1')
    try:
        await t
    except ValueError as e:
        print('main caught', repr(e))
    print(t.done(), t.cancelled())
