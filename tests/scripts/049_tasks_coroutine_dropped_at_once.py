"""A coroutine called as a bare expression statement is dropped at once: the 'never awaited' warning comes before the next line runs."""
import asyncio


async def forgotten(n):
    await asyncio.sleep(n)


async def main():
    print('before')
    forgotten(1)
    print('after the bare call')
    await asyncio.sleep(1)
    print('done')
