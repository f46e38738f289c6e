"""Timers of call_at/call_later and of asyncio.sleep share one heap: (deadline, scheduling order)."""
import asyncio


def tick(name):
    print("tick", name, asyncio.get_running_loop().time())


async def sleeper(name, d):
    await asyncio.sleep(d)
    print("sleeper", name, "wakes")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    a = asyncio.create_task(sleeper("a", 1))
    loop.call_at(start + 1, tick, "at-1")
    await asyncio.sleep(0)
    loop.call_later(1, tick, "later-1")
    loop.call_at(start + 0.5, tick, "at-0.5")
    await asyncio.sleep(1)
    print("main wakes")
    await a
