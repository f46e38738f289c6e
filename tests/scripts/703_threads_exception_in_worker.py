"""An exception raised in the worker comes back to the awaiting task, after the worker's sleep."""
import asyncio
import time


def fails():
    time.sleep(1)
    raise ValueError('bad input')


async def main():
    try:
        await asyncio.to_thread(fails)
    except ValueError as e:
        print('caught', repr(e), asyncio.get_running_loop().time())
