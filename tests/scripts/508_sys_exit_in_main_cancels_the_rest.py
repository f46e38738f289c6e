"""sys.exit() in main raises SystemExit: main ends with it, and asyncio.run's shutdown cancels the other tasks."""
import asyncio
import sys


async def worker():
    try:
        await asyncio.sleep(5)
    finally:
        print('worker cleanup')


async def main():
    asyncio.create_task(worker())
    await asyncio.sleep(1)
    try:
        sys.exit('first exit is caught')
    except SystemExit as e:
        print('caught SystemExit:', e)
    print('exiting')
    sys.exit(2)
