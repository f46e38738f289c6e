"""FIRST_EXCEPTION returns as soon as one task raises; the rest are still pending."""
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f'{name} broke')
    print(name, 'ok')
    return name


async def main():
    tasks = [
        asyncio.create_task(job('ok1', 1), name='ok1'),
        asyncio.create_task(job('bad', 2, fail=True), name='bad'),
        asyncio.create_task(job('ok2', 4), name='ok2'),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print('done', sorted(t.get_name() for t in done))
    print('pending', sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print([t.cancelled() for t in tasks])
