import asyncio
import config
from config import bump


async def serve(name: str) -> str:
    await asyncio.sleep(0.1)
    n = bump()
    return f"{name} at level {n}"
