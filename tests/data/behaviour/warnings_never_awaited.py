"""A coroutine that is never awaited logs a RuntimeWarning when it is
dropped. The warnings filter shows it once per location: the loop creates
and drops one twice, at the same place, and gets one warning; another line
gets another."""
import asyncio


async def delay(n):
    await asyncio.sleep(n)


async def main():
    for i in range(2):
        delay(i)
    print('after the loop')
    delay(5)
    print('after the second line')
