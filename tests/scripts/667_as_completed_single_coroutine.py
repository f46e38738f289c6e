"""as_completed wraps a coroutine in a task at once (via as_completed), before the first await."""
import asyncio


async def fetch():
    print('fetch runs')
    await asyncio.sleep(1)
    return 'payload'


async def main():
    it = asyncio.as_completed([fetch()])
    print('iterator made')
    await asyncio.sleep(0)
    for aw in it:
        print(await aw)
