"""Workers wait on an asyncio.Event; main sets it after 1 s and they all start in the order they waited."""
import asyncio


async def worker(name, start):
    print(name, 'ready')
    await start.wait()
    print(name, 'go')
    await asyncio.sleep(0.5)
    return name


async def main():
    start = asyncio.Event()
    tasks = [asyncio.create_task(worker(f'runner{i}', start)) for i in range(3)]
    await asyncio.sleep(1)
    print(start)
    start.set()
    print(start)
    print(await asyncio.gather(*tasks))
