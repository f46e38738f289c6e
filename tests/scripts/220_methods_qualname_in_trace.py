"""Async methods: coroutines named by __qualname__ (Class.method) in tasks and await chains."""
import asyncio


class Downloader:
    def __init__(self, name):
        self.name = name

    async def fetch(self, url, delay):
        await asyncio.sleep(delay)
        return f"{self.name}:{url}"

    async def fetch_all(self, urls):
        tasks = [asyncio.create_task(self.fetch(u, i + 1)) for i, u in enumerate(urls)]
        return await asyncio.gather(*tasks)

    class Inner:
        async def run(self):
            await asyncio.sleep(0.5)
            return "inner"


def factory():
    class Local:
        async def go(self):
            await asyncio.sleep(0.1)
            return "local"
    return Local()


async def main():
    d = Downloader("dl")
    print(await d.fetch("a", 0.5))
    print(await d.fetch_all(["x", "y"]))
    coro = d.fetch("z", 1)
    print(coro.__qualname__, coro.__name__)
    print(await coro)
    print(await Downloader.Inner().run(), Downloader.Inner.__qualname__)
    loc = factory()
    print(await loc.go(), type(loc).__qualname__)
    print(d.fetch.__qualname__, d.fetch.__name__, Downloader.fetch.__qualname__)
