"""functools.partial (callbacks with bound arguments, create_task with partial) and functools.reduce."""
import asyncio
import functools
from functools import partial, reduce


def power(base, exp):
    return base ** exp


async def fetch(host, port, path="/"):
    await asyncio.sleep(0.5)
    return f"{host}:{port}{path}"


async def main():
    square = partial(power, exp=2)
    cube = functools.partial(power, exp=3)
    print(square(4), cube(2), square.func is power, square.args, square.keywords)
    two_to = partial(power, 2)
    print([two_to(n) for n in range(5)], two_to.args)
    local = partial(fetch, "localhost", 8080)
    print(await local(), await local(path="/health"))
    t = asyncio.create_task(partial(fetch, "example", 443)("/x"))
    print(await t)
    print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
    print(reduce(max, [3, 9, 2]), reduce(lambda acc, s: acc + len(s), ["ab", "c"], 0))
    try:
        reduce(lambda a, b: a, [])
    except TypeError as e:
        print("TypeError:", e)
    try:
        partial()
    except TypeError as e:
        print("TypeError:", e)
    print(repr(partial(power, 2))[:25])
