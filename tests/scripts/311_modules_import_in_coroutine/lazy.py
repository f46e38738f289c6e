import asyncio

print("lazy module runs (inside the task that imported it)")
loaded_at = asyncio.get_running_loop().time()


async def fetch() -> str:
    await asyncio.sleep(1)
    return "fetched"
