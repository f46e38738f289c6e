"""A consumer cancelled in the same turn its result arrives: the result stays in the queue for the next await."""
import asyncio


async def produce(d):
    await asyncio.sleep(d)
    return d


async def consume(it):
    try:
        return await next(it)
    except asyncio.CancelledError:
        print('consumer cancelled')
        raise


async def main():
    t = asyncio.create_task(produce(1), name='producer')
    it = asyncio.as_completed([t])
    c = asyncio.create_task(consume(it), name='consumer')
    await asyncio.sleep(1)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print('consumer is cancelled:', c.cancelled())
    print(t.done(), t.result())
