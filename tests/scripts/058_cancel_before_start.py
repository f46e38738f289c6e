"""A task cancelled before its first step never runs its body, not even its try/finally."""
import asyncio


async def guarded():
    try:
        print('body runs')
        await asyncio.sleep(1)
    finally:
        print('finally runs')


async def main():
    t = asyncio.create_task(guarded(), name='guarded')
    print('cancel:', t.cancel(), 'done:', t.done())
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled before start:', t.cancelled())
    t2 = asyncio.create_task(guarded(), name='guarded2')
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print('cancelled after start:', t2.cancelled())
