"""cancel(msg) on a task awaiting a gather of tasks with return_exceptions=True: the children are cancelled, and the awaiting task still raises CancelledError."""
import asyncio


async def child(n):
    try:
        await asyncio.sleep(n)
        return n
    except asyncio.CancelledError as e:
        print('child', n, 'got', repr(e))
        raise


async def parent():
    try:
        return await asyncio.gather(child(1), child(5), return_exceptions=True)
    except asyncio.CancelledError as e:
        print('parent got', repr(e))
        raise


async def main():
    p = asyncio.create_task(parent(), name='parent')
    await asyncio.sleep(2)
    p.cancel('enough')
    try:
        print(await p)
    except asyncio.CancelledError as e:
        print('main got', repr(e))
