"""call_soon callbacks share the ready queue with task steps: FIFO, in CPython's order."""
import asyncio


def note(what):
    print("callback", what)


async def worker(name, n):
    for i in range(n):
        print(name, "step", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(note, "A")
    t1 = asyncio.create_task(worker("w1", 3))
    loop.call_soon(note, "B")
    t2 = asyncio.create_task(worker("w2", 2))
    loop.call_soon(note, "C")
    print("main yields")
    await asyncio.sleep(0)
    loop.call_soon(note, "D")
    print("main yields again")
    await asyncio.sleep(0)
    await asyncio.gather(t1, t2)
