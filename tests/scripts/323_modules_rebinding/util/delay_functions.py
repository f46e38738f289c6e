import asyncio


async def delay(seconds: float) -> float:
    print(f"really sleeping {seconds}")
    await asyncio.sleep(seconds)
    return seconds
