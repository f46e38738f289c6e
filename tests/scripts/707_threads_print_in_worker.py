"""print() in a worker job, before and after its sleeps: each line is recorded at the job's own time."""
import asyncio
import time


def chatty():
    print('worker: start')
    time.sleep(1)
    print('worker: halfway')
    time.sleep(1)
    print('worker: end')
    return 'ok'


async def main():
    job = asyncio.create_task(asyncio.to_thread(chatty))
    for i in range(3):
        print('loop', i)
        await asyncio.sleep(0.75)
    print(await job)
