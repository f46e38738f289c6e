import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=f"t{d}") for d in (1, 3, 5)]
    done, pending = await asyncio.wait(tasks, timeout=2)
    print(f"done {len(done)} pending {len(pending)} at {asyncio.get_running_loop().time()}")
    done, pending = await asyncio.wait(pending)
    print(f"done {len(done)} pending {len(pending)} at {asyncio.get_running_loop().time()}")
