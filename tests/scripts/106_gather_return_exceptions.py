"""gather(return_exceptions=True) puts exceptions in the result list and waits for every child."""
import asyncio


async def ok(n):
    await asyncio.sleep(n)
    return n


async def bad(n):
    await asyncio.sleep(n)
    raise ValueError(f'bad {n}')


async def main():
    results = await asyncio.gather(ok(1), bad(2), ok(3), bad(0.5), return_exceptions=True)
    print(results)
    for r in results:
        if isinstance(r, Exception):
            print('error:', r)
        else:
            print('value:', r)
