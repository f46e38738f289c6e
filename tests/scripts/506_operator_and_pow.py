"""operator's functions as keys and reducers, pow with a modulus, str predicates."""
import asyncio
import functools
import operator


class Point:
    x = 3
    y = 4


async def measure(name, n):
    await asyncio.sleep(n / 10)
    return {'name': name, 'n': n}


async def main():
    rows = await asyncio.gather(measure('b', 2), measure('a', 3), measure('c', 1))
    print(sorted(rows, key=operator.itemgetter('n')))
    print(functools.reduce(operator.mul, [1, 2, 3, 4]), functools.reduce(operator.add, ['a', 'b']))
    print(operator.sub(7, 2), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 2), operator.neg(3))
    print(operator.eq(1, 1), operator.lt(1, 2), operator.not_(0), operator.contains([1, 2], 2), operator.abs(-4))
    print(operator.methodcaller('split', ',')('a,b'), operator.attrgetter('x', 'y')(Point()), operator.itemgetter(1, 0)('xy'))
    print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7) if False else pow(-3, 3, 7), pow(2, 0.5))
    print('abc1'.isalnum(), 'a b'.isalnum(), 'x_1'.isidentifier(), '1x'.isidentifier(), 'AB1'.isupper(), 'ab'.islower())
