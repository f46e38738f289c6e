"""A three-stage pipeline where each stage is a coroutine; items flow through with per-stage delays, run concurrently per item."""
import asyncio


async def download(i):
    await asyncio.sleep(0.1 * (3 - i))
    return f'raw{i}'


async def parse(raw):
    await asyncio.sleep(0.2)
    return {'id': raw, 'size': len(raw) * 10}


async def store(record):
    await asyncio.sleep(0.05)
    print('stored', record)
    return record['size']


async def process(i):
    raw = await download(i)
    record = await parse(raw)
    return await store(record)


async def main():
    sizes = await asyncio.gather(*[process(i) for i in range(3)])
    print('sizes', sizes, 'total', sum(sizes))
