"""shield() of a task that is already done returns the task itself:
awaiting it gives the result (or raises its exception) at once, without
suspending."""
import asyncio


async def quick():
    return 'quick'


async def failing():
    raise ValueError('early')


async def main():
    q = asyncio.create_task(quick(), name='quick')
    f = asyncio.create_task(failing(), name='failing')
    await asyncio.sleep(0)
    print(f'done: {q.done()!r} {f.done()!r}')
    print(f'shield(finished task) -> {await asyncio.shield(q)!r}')
    try:
        await asyncio.shield(f)
    except ValueError as e:
        print(f'shield(failed task) raises ValueError({e})')
