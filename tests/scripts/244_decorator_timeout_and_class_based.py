"""Decorators around coroutines: a timeout decorator using asyncio.wait_for and a class-based decorator."""
import asyncio
import functools


def timeout(seconds):
    def deco(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            return await asyncio.wait_for(func(*args, **kwargs), seconds)
        return wrapper
    return deco


class CountCalls:
    def __init__(self, func):
        functools.wraps(func)(self)
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        print(f"call {self.calls} of {self.__name__}")
        return self.func(*args, **kwargs)


@timeout(1)
async def quick():
    await asyncio.sleep(0.5)
    return "quick ok"


@timeout(1)
async def slow():
    await asyncio.sleep(5)
    return "never"


@CountCalls
async def ping(host):
    await asyncio.sleep(0.1)
    return f"pong from {host}"


async def main():
    print(await quick())
    try:
        await slow()
    except TimeoutError:
        print("slow timed out", slow.__name__)
    print(await ping("a"), await ping("b"), ping.calls, ping.__wrapped__.__name__)
