import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    print(f"{asyncio.current_task().get_name()} finished at {asyncio.get_running_loop().time()}")
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=n) for n, d in [("slow", 3), ("fast", 1), ("mid", 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"done {len(done)} pending {len(pending)}")
    await asyncio.sleep(5)
    print(f"all done: {all(t.done() for t in tasks)}")
