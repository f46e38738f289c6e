"""A fire-and-forget task raises and nobody retrieves the exception: asyncio logs it when the task is freed."""
import asyncio


async def fire():
    await asyncio.sleep(0.5)
    raise RuntimeError('nobody is listening')


async def main():
    t = asyncio.create_task(fire(), name='fire')
    await asyncio.sleep(1)
    print('fire done:', t.done())
    await asyncio.sleep(1)
    print('main returns')
