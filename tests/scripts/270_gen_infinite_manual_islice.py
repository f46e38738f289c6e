"""Infinite generators stopped by hand: a take(n) helper, fibonacci and primes without itertools, and a pipeline of generators."""
import asyncio


def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1


def take(n, it):
    it = iter(it)
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found):
            found.append(n)
            yield n


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


async def main():
    print(list(take(5, naturals(10))))
    print(list(take(12, fib())))
    print(list(take(10, primes())))
    print(list(take(4, evens(fib()))))
    print(list(take(5, [1, 2])))
    counter = naturals()
    for n in counter:
        if n * n > 50:
            print("first square over 50:", n)
            break
    print("counter continues at", next(counter))
    print([x for x, _ in zip(naturals(), "abc")])
