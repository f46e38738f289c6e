"""An exception in a child task propagates to the task awaiting it: parent
resumes with throw ValueError, does not catch it and ends with it; main
catches it from parent."""
import asyncio


async def child():
    await asyncio.sleep(1)
    raise ValueError('bad')


async def parent():
    t = asyncio.create_task(child(), name='child')
    await t


async def main():
    p = asyncio.create_task(parent(), name='parent')
    try:
        await p
    except ValueError as e:
        print(f'main caught ValueError({e}); parent.exception() -> {p.exception()!r}')
