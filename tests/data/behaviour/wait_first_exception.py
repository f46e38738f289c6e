import asyncio


async def job(delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError("broken")
    return delay


async def main():
    tasks = [
        asyncio.create_task(job(1, False), name="ok1"),
        asyncio.create_task(job(2, True), name="bad"),
        asyncio.create_task(job(4, False), name="ok2"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"done {len(done)} pending {len(pending)} at {asyncio.get_running_loop().time()}")
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print(f"cancelled: {tasks[2].cancelled()}")
