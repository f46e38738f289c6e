"""The smallest program: main prints, sleeps one second, prints again and returns a value."""
import asyncio


async def main():
    print('hello')
    await asyncio.sleep(1)
    print('world')
    return 42
