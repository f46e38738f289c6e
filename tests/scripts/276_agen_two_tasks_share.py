"""An async generator that sleeps between items, consumed by two tasks: each __anext__ runs inside the task that awaits it; a second task asking while the first waits gets RuntimeError."""
import asyncio


async def producer():
    for i in range(4):
        await asyncio.sleep(1)
        print("produced", i)
        yield i


async def consumer(name, agen):
    got = []
    try:
        async for x in agen:
            print(name, "got", x)
            got.append(x)
    except RuntimeError as e:
        print(name, "RuntimeError:", e)
    return got


async def main():
    agen = producer()
    a = asyncio.create_task(consumer("A", agen))
    b = asyncio.create_task(consumer("B", agen))
    print(await asyncio.gather(a, b))
    shared = producer()
    one = await shared.__anext__()
    t = asyncio.create_task(consumer("C", shared))
    await asyncio.sleep(0)
    print("main got", one, "then C took over:", await t)
