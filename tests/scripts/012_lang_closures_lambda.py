"""Closures capture variables of the enclosing function; lambdas as values and as sort keys; a nested async def as a task."""
import asyncio


def make_counter(start):
    count = [start]

    def step(by=1):
        count[0] += by
        return count[0]
    return step


def make_adder(n):
    return lambda x: x + n


async def main():
    c = make_counter(10)
    print(c(), c(), c(5))
    add3 = make_adder(3)
    print(add3(4), (lambda a, b=2: a * b)(7))
    words = ['pear', 'fig', 'banana', 'kiwi']
    print(sorted(words, key=lambda w: len(w)))
    print(sorted(words, key=lambda w: w[-1], reverse=True))
    factor = 3

    async def scaled(x):
        await asyncio.sleep(x)
        return x * factor

    t = asyncio.create_task(scaled(2), name='scaled')
    factor = 4
    print(await t)
