"""A job that takes no time: its result reaches the awaiting task a few loop iterations later, after tasks already ready."""
import asyncio


def quick():
    return 'quick'


async def spinner(name):
    for i in range(4):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    s = asyncio.create_task(spinner('spin'))
    r = await asyncio.to_thread(quick)
    print('got', r)
    await s
