import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=f"j{d}") for d in (3, 1, 2)]
    for aw in asyncio.as_completed(tasks):
        print(f"got {await aw} at {asyncio.get_running_loop().time()}")
