"""async with mixing a user context manager with asyncio.timeout and TaskGroup in one statement."""
import asyncio


class Span:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("span start", self.name)
        return self

    async def __aexit__(self, et, ev, tb):
        print("span end", self.name, et.__name__ if et else None)
        await asyncio.sleep(0)


async def work(n):
    await asyncio.sleep(n)
    return n


async def main():
    async with Span("all") as s, asyncio.TaskGroup() as tg:
        t1 = tg.create_task(work(1))
        t2 = tg.create_task(work(2))
    print(s.name, t1.result(), t2.result())
    try:
        async with Span("bounded"), asyncio.timeout(0.5):
            await work(3)
    except TimeoutError:
        print("timed out")
    async with asyncio.timeout(5):
        async with Span("inner"):
            print(await work(0.25))
