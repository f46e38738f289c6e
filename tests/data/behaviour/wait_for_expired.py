"""wait_for with a timeout that has already expired (negative): on a
coroutine it wraps it in a task and cancels it before it starts, even if
the coroutine would finish without suspending; on a finished task it
returns the result; on a running task it cancels it and waits for it."""
import asyncio


async def quick():
    return 'quick'


async def slow():
    await asyncio.sleep(1)
    return 'slow'


async def main():
    for make in (slow, quick):
        try:
            print(await asyncio.wait_for(make(), -1))
        except TimeoutError:
            print(f'wait_for({make.__name__}(), -1): TimeoutError')
    done = asyncio.create_task(quick(), name='done')
    await asyncio.sleep(0)
    print(f'wait_for(finished task, -1) -> {await asyncio.wait_for(done, -1)!r}')
    running = asyncio.create_task(slow(), name='running')
    await asyncio.sleep(0.5)
    try:
        await asyncio.wait_for(running, -1)
    except TimeoutError:
        print(f'wait_for(running task, -1): TimeoutError; cancelled()={running.cancelled()!r}')
