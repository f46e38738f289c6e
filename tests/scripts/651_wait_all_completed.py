"""asyncio.wait with the default ALL_COMPLETED waits for every task, failures included."""
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    tasks = [
        asyncio.create_task(job('a', 2), name='a'),
        asyncio.create_task(job('b', 1, fail=True), name='b'),
        asyncio.create_task(job('c', 3), name='c'),
    ]
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending))
    for t in tasks:
        if t.exception() is not None:
            print(t.get_name(), 'raised', repr(t.exception()))
        else:
            print(t.get_name(), '->', t.result())
