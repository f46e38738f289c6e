"""cancelling() counts pending cancel requests; uncancel() decrements it so a task can swallow a cancel and continue."""
import asyncio


async def resilient():
    me = asyncio.current_task()
    for attempt in range(3):
        try:
            await asyncio.sleep(2)
            print('attempt', attempt, 'completed')
        except asyncio.CancelledError:
            print('attempt', attempt, 'cancelled; cancelling() =', me.cancelling())
            print('uncancel() ->', me.uncancel())
    return 'survived'


async def main():
    t = asyncio.create_task(resilient(), name='resilient')
    await asyncio.sleep(1)
    t.cancel()
    print('after one cancel:', t.cancelling())
    t.cancel()
    print('after two cancels:', t.cancelling())
    await asyncio.sleep(0)
    await asyncio.sleep(1.5)
    print(await t, t.cancelling(), t.cancelled())
