"""as_completed yields results in completion order, not in the order the tasks were given."""
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f'{name} after {delay}s'


async def main():
    tasks = [asyncio.create_task(fetch(n, d), name=n) for n, d in [('a', 3), ('b', 1), ('c', 2)]]
    for i, next_done in enumerate(asyncio.as_completed(tasks)):
        result = await next_done
        print(i, result)
