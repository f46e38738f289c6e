"""as_completed over nothing: the loops do not run; a timeout is never scheduled."""
import asyncio


async def main():
    n = 0
    for aw in asyncio.as_completed([], timeout=1):
        n += 1
    async for t in asyncio.as_completed([]):
        n += 1
    print('iterations:', n, asyncio.get_running_loop().time())
