"""A negative (or zero) timeout still lets one loop turn pass before wait returns."""
import asyncio


async def quick():
    print('quick runs')
    return 1


async def main():
    t = asyncio.create_task(quick(), name='quick')
    s = asyncio.create_task(asyncio.sleep(1), name='sleeper')
    done, pending = await asyncio.wait([t, s], timeout=-5)
    print(t in done, s in pending)
    await s
