"""as_completed over tasks that are already done: results come in the order their callbacks run."""
import asyncio


async def val(n):
    return n


async def main():
    tasks = [asyncio.create_task(val(n), name=f'v{n}') for n in (3, 1, 2)]
    await asyncio.sleep(0)
    print([t.done() for t in tasks])
    results = [await aw for aw in asyncio.as_completed(tasks)]
    print(results)
