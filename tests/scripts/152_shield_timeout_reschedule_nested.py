"""Nested asyncio.timeout blocks around shields: the inner deadline fires first and is caught inside; the outer one later."""
import asyncio


async def work(d):
    await asyncio.sleep(d)
    print('work', d, 'finished')
    return d


async def main():
    try:
        async with asyncio.timeout(2):
            try:
                async with asyncio.timeout(0.5):
                    await asyncio.shield(asyncio.shield(work(1)))
            except TimeoutError:
                print('inner timeout')
            await asyncio.shield(work(3))
    except TimeoutError:
        print('outer timeout')
    await asyncio.sleep(2)
