"""A task cancelled by the shutdown that raises another exception in its
cleanup: the shutdown logs 'unhandled exception during asyncio.run()
shutdown' (and no 'never retrieved')."""
import asyncio


async def grumpy():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError('cleanup failed')


async def main():
    t = asyncio.create_task(grumpy(), name='grumpy')
    await asyncio.sleep(1)
    print(f'main returns; grumpy.done()={t.done()!r}')
