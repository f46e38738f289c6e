"""wait_for with timeout=0: a coroutine is wrapped in a task that is cancelled before it starts; an already-finished task gives its result."""
import asyncio


async def instant():
    return 'instant'


async def main():
    try:
        await asyncio.wait_for(instant(), timeout=0)
    except TimeoutError:
        print('timeout=0 on a coroutine times out')
    done_task = asyncio.create_task(instant(), name='done_task')
    await asyncio.sleep(0)
    print(await asyncio.wait_for(done_task, timeout=0))
