"""An uncaught runtime error in one task is re-raised by every awaiter: two tasks await the same failing task."""
import asyncio


async def parse(text):
    await asyncio.sleep(1)
    return int(text)


async def reader(src, label):
    try:
        return await src
    except ValueError as e:
        print(label, 'got', repr(e))
        return -1


async def main():
    src = asyncio.create_task(parse('4x'), name='parse')
    results = await asyncio.gather(reader(src, 'r1'), reader(src, 'r2'))
    print(results, src.done(), repr(src.exception()))
