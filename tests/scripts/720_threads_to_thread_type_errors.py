"""to_thread() without a function raises TypeError at once; a non-callable raises TypeError inside the worker, back in the task."""
import asyncio


async def main():
    try:
        asyncio.to_thread()
    except TypeError as e:
        print('at once:', e)
    try:
        await asyncio.to_thread(42)
    except TypeError as e:
        print('from the worker:', e)
