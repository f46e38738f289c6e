"""Several tasks await the same task; they all wake (in the order they started waiting) when it finishes."""
import asyncio


async def source():
    await asyncio.sleep(2)
    return 'data'


async def consumer(src, label):
    print(label, 'waiting')
    value = await src
    print(label, 'got', value)


async def main():
    src = asyncio.create_task(source(), name='source')
    cs = [asyncio.create_task(consumer(src, f'c{i}'), name=f'c{i}') for i in range(3)]
    await asyncio.gather(*cs)
    print('all consumers done')
