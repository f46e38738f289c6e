"""A done callback of one task cancels another task: the cancel comes from the loop (no current task), and the target's cleanup runs at the same time."""
import asyncio


async def first():
    await asyncio.sleep(1)
    return 'first'


async def second():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print('second cancelled:', repr(e))
        raise


async def main():
    a = asyncio.create_task(first(), name='first')
    b = asyncio.create_task(second(), name='second')
    a.add_done_callback(lambda t: print('callback cancels second:', b.cancel(f'{t.get_name()} finished')))
    results = await asyncio.gather(a, b, return_exceptions=True)
    print([repr(r) for r in results])
