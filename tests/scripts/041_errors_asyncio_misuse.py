"""asyncio misuse raises CPython's errors: awaiting a non-awaitable and gathering a plain value."""
import asyncio


async def work():
    await asyncio.sleep(1)
    return 'work'


async def main():
    try:
        await 5
    except TypeError as e:
        print('await 5:', e)
    try:
        await asyncio.gather(work(), 3)
    except TypeError as e:
        print('gather(coroutine, 3):', e)
    print(await work())
