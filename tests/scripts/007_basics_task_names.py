"""Task names: given with name=, renamed with set_name, read with get_name and current_task()."""
import asyncio


async def who():
    me = asyncio.current_task()
    print('running as', me.get_name())
    await asyncio.sleep(1)
    print('now called', me.get_name())
    return me.get_name()


async def main():
    print('main is', asyncio.current_task().get_name())
    t = asyncio.create_task(who(), name='alpha')
    await asyncio.sleep(0.5)
    t.set_name('beta')
    print(await t)
