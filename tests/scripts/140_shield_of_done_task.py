"""shield of a task that is already done (and of a shield of it): the result at once, without suspending on a new future."""
import asyncio


async def quick():
    return 'q'


async def main():
    t = asyncio.create_task(quick(), name='quick')
    await asyncio.sleep(0)
    print('done?', t.done())
    print(await asyncio.shield(t))
    print(await asyncio.shield(asyncio.shield(t)))
    print(await asyncio.wait_for(asyncio.shield(t), 1))
