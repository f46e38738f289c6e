"""Breaking out of as_completed after the first result: the other tasks run on to their end."""
import asyncio


async def mirror(name, delay):
    await asyncio.sleep(delay)
    print(name, 'answered')
    return name


async def main():
    tasks = [asyncio.create_task(mirror(n, d), name=n) for n, d in [('m1', 2), ('m2', 1), ('m3', 3)]]
    for aw in asyncio.as_completed(tasks):
        first = await aw
        break
    print('first answer from', first)
    await asyncio.sleep(5)
    print([t.done() for t in tasks])
