"""A heartbeat task runs alongside a job; the job is bounded by wait_for, and the heartbeat is stopped with a message afterwards."""
import asyncio
import time


async def heartbeat(interval):
    beats = 0
    try:
        while True:
            await asyncio.sleep(interval)
            beats += 1
            print(f'beat {beats} at {time.monotonic():.2f}')
    except asyncio.CancelledError as e:
        print(f'heartbeat stopped: {e} after {beats} beats')
        raise


async def job():
    await asyncio.sleep(2.2)
    return 'job result'


async def main():
    hb = asyncio.create_task(heartbeat(0.75), name='heartbeat')
    try:
        print(await asyncio.wait_for(job(), timeout=3))
    finally:
        hb.cancel('job finished')
    try:
        await hb
    except asyncio.CancelledError:
        pass
    print('heartbeat cancelled:', hb.cancelled())
