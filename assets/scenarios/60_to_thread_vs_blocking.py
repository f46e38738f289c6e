"""Blocking work inside a coroutine freezes the loop; asyncio.to_thread moves
it to a worker thread. First a heartbeat task runs while main calls
time.sleep(1.5) directly: no beat for 1.5 s. Then the same work through
to_thread: the work takes 1.5 s in a worker lane and the heartbeat keeps
beating every 0.5 s meanwhile."""
import asyncio
import time


def crunch(seconds):
    time.sleep(seconds)        # stands for CPU- or I/O-bound blocking work
    return f'crunched for {seconds} s'


async def heartbeat(label):
    for i in range(4):
        print(f'{label} beat {i}')
        await asyncio.sleep(0.5)


async def main():
    beats = asyncio.create_task(heartbeat('blocked'), name='blocked_beats')
    await asyncio.sleep(0)
    print(crunch(1.5))         # blocks the whole loop
    await beats

    beats = asyncio.create_task(heartbeat('free'), name='free_beats')
    result = await asyncio.to_thread(crunch, 1.5)   # the loop stays free
    print(result)
    await beats
