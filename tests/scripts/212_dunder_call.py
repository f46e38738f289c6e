"""__call__: callable objects as callbacks, rate limiters and counters, callable() checks."""
import asyncio


class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        return x * self.k


class CallCounter:
    def __init__(self, func):
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)


class AsyncJob:
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay

    async def __call__(self):
        await asyncio.sleep(self.delay)
        return f"{self.name} done"


def add(a, b=0):
    return a + b


async def main():
    triple = Multiplier(3)
    print(triple(5), list(map(triple, [1, 2, 3])), callable(triple), callable(5), callable(Multiplier))
    counted = CallCounter(add)
    print(counted(1, 2), counted(5, b=5), counted.calls)
    jobs = [AsyncJob("a", 0.2), AsyncJob("b", 0.1)]
    results = await asyncio.gather(*(job() for job in jobs))
    print(results)
    t = asyncio.create_task(AsyncJob("c", 0.3)())
    print(await t)
    try:
        CallCounter(add)()
    except TypeError as e:
        print("TypeError:", e)
    try:
        Multiplier(2)(1, 2)
    except TypeError as e:
        print("TypeError:", e)
