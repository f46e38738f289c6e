"""A task's own done callback runs before wait's _on_completion (added earlier), then the waiter wakes."""
import asyncio


async def job():
    await asyncio.sleep(1)
    return 'x'


async def observer():
    for i in range(3):
        print('observer turn', i)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(job(), name='job')
    t.add_done_callback(lambda f: print('callback sees', f.result()))
    asyncio.create_task(observer(), name='observer')
    await asyncio.sleep(1)
    done, _ = await asyncio.wait([t])
    print('wait returned', len(done))
