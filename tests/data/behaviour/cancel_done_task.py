"""cancel() on a task that has already finished returns False and changes
nothing: cancelling() stays 0 and the result is still there."""
import asyncio


async def quick():
    return 'quick'


async def main():
    t = asyncio.create_task(quick(), name='quick')
    print(f'awaited: {await t!r}')
    print(f'cancel() -> {t.cancel()!r}')
    print(f'cancelled()={t.cancelled()!r} cancelling()={t.cancelling()!r} result()={t.result()!r}')
