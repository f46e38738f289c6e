"""Tasks still pending when main returns are cancelled by asyncio.run's shutdown; their finally blocks run."""
import asyncio


async def background(n):
    try:
        while True:
            await asyncio.sleep(n)
            print('tick', n)
    finally:
        print('background', n, 'cleaned up')


async def main():
    asyncio.create_task(background(1), name='bg1')
    asyncio.create_task(background(1.5), name='bg15')
    await asyncio.sleep(3.2)
    print('main returns')
