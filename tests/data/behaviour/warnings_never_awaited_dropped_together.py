"""The 'never awaited' warning's location is where the coroutine is
dropped, not where it was created: two coroutines created on two lines
and dropped on one line give a single warning."""
import asyncio


async def delay(n):
    await asyncio.sleep(n)


async def main():
    a = delay(1)
    b = delay(2)
    print('two coroutines created on two lines')
    del a, b
    print('after del')
