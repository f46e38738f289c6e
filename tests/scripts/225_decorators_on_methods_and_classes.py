"""Decorators on methods (sync and async) and on classes: registries, logging, class decorators adding methods."""
import asyncio
import functools

PLUGINS = {}


def plugin(cls):
    PLUGINS[cls.__name__.lower()] = cls
    return cls


def with_greeting(cls):
    def greet(self):
        return f"hi from {type(self).__name__}"
    cls.greet = greet
    return cls


def logged(func):
    @functools.wraps(func)
    async def wrapper(self, *args):
        print(f"-> {func.__qualname__}{args}")
        result = await func(self, *args)
        print(f"<- {func.__qualname__} = {result!r}")
        return result
    return wrapper


def counted(func):
    @functools.wraps(func)
    def wrapper(self, *args):
        self.count += 1
        return func(self, *args)
    return wrapper


@plugin
@with_greeting
class Store:
    def __init__(self):
        self.count = 0

    @logged
    async def load(self, key):
        await asyncio.sleep(0.5)
        return key.upper()

    @counted
    def touch(self):
        return self.count


async def main():
    s = PLUGINS["store"]()
    print(s.greet(), s.touch(), s.touch(), s.count)
    print(await s.load("k"))
    t = asyncio.create_task(s.load("t"))
    print(await t)
    print(Store.load.__qualname__, Store.load.__name__, sorted(PLUGINS))
