import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def waiter(tasks):
    await asyncio.wait(tasks)


async def main():
    tasks = [asyncio.create_task(job(d), name=f"j{d}") for d in (1, 3)]
    w = asyncio.create_task(waiter(tasks), name="waiter")
    await asyncio.sleep(2)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("waiter cancelled")
    print(f"j3 -> {await tasks[1]}")
