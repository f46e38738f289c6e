"""async for over as_completed (3.13) gives the tasks themselves, in completion order."""
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name.upper()


async def main():
    tasks = [asyncio.create_task(fetch(n, d), name=n) for n, d in [('one', 2), ('two', 3), ('three', 1)]]
    async for task in asyncio.as_completed(tasks):
        print(task.get_name(), task.result(), task in tasks)
