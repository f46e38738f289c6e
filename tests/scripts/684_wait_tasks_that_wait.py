"""Nested waits: tasks that themselves wait on sub-tasks, and a main that waits for them."""
import asyncio


async def leaf(d):
    await asyncio.sleep(d)
    return d


async def branch(name, delays):
    subs = [asyncio.create_task(leaf(d), name=f'{name}.{d}') for d in delays]
    done, _ = await asyncio.wait(subs)
    total = sum(t.result() for t in done)
    print(name, 'total', total)
    return total


async def main():
    b1 = asyncio.create_task(branch('b1', [1, 2]), name='b1')
    b2 = asyncio.create_task(branch('b2', [3]), name='b2')
    done, pending = await asyncio.wait([b1, b2], return_when=asyncio.FIRST_COMPLETED)
    print('first branch:', [t.get_name() for t in done])
    done, pending = await asyncio.wait(pending)
    print('then:', [t.get_name() for t in done])
