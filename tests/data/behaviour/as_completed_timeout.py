import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=f"j{d}") for d in (1, 5)]
    try:
        async for t in asyncio.as_completed(tasks, timeout=2):
            print(f"completed {t.get_name()}")
    except TimeoutError:
        print(f"timeout at {asyncio.get_running_loop().time()}")
    tasks[1].cancel()
