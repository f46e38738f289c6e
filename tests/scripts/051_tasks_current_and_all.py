"""current_task() inside tasks and all_tasks() as tasks come and go (printed as sorted names, not set order)."""
import asyncio


def names():
    return sorted([t.get_name() for t in asyncio.all_tasks()])


async def worker(n):
    await asyncio.sleep(n)
    print(asyncio.current_task().get_name(), 'sees', names())


async def main():
    print('at start', names(), asyncio.current_task().get_name())
    ts = [asyncio.create_task(worker(i), name=f'w{i}') for i in [1, 2, 3]]
    print('after create', names(), len(asyncio.all_tasks()))
    await asyncio.sleep(2.5)
    print('at 2.5', names())
    for t in ts:
        await t
    print('at end', names())
    print(asyncio.current_task() is ts[0], asyncio.current_task() is asyncio.current_task())
