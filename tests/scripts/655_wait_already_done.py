"""wait on tasks that are already done still suspends once: the done callbacks run from the ready queue."""
import asyncio


async def quick(n):
    return n * 10


async def other():
    for i in range(3):
        print('other', i)
        await asyncio.sleep(0)


async def main():
    ts = [asyncio.create_task(quick(i), name=f'q{i}') for i in range(3)]
    await asyncio.sleep(0)
    o = asyncio.create_task(other(), name='other')
    print('all done?', all(t.done() for t in ts))
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    await o
