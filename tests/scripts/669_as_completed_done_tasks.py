"""as_completed over tasks that are already done: every await gets a result without waiting on a timer.

(The order among tasks done before the call is the order of CPython's set of futures, which
depends on memory addresses, so the program sorts them.)"""
import asyncio


async def val(n):
    return n


async def main():
    tasks = [asyncio.create_task(val(n), name=f'v{n}') for n in (3, 1, 2)]
    await asyncio.sleep(0)
    print([t.done() for t in tasks])
    results = [await aw for aw in asyncio.as_completed(tasks)]
    print(sorted(results), asyncio.get_running_loop().time())
