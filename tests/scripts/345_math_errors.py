"""math's errors: domain and range errors, type errors and argument counts, with CPython's messages."""
import asyncio
import math


async def main():
    tries = [
        lambda: math.sqrt(-1),
        lambda: math.log(0),
        lambda: math.log(-5, 2),
        lambda: math.log(10, 1),
        lambda: math.log2(0),
        lambda: math.exp(1000),
        lambda: math.pow(0, -1),
        lambda: math.pow(-8, 1 / 3),
        lambda: math.pow(10, 400),
        lambda: math.acos(2),
        lambda: math.cos(math.inf),
        lambda: math.factorial(-1),
        lambda: math.factorial(2.0),
        lambda: math.floor(math.inf),
        lambda: math.ceil(math.nan),
        lambda: math.comb(3, -1),
        lambda: math.comb(-3, 1),
        lambda: math.perm(-1),
        lambda: math.gcd(2.5, 1),
        lambda: math.sqrt('4'),
        lambda: math.trunc('x'),
        lambda: math.fsum([1, 'a']),
        lambda: math.fsum([math.inf, -math.inf]),
        lambda: math.prod(3),
        lambda: math.isclose(1, 2, rel_tol=-1),
        lambda: math.sqrt(1, 2),
        lambda: math.degrees(),
        lambda: math.atan2(1),
        lambda: math.sqrt(x=4),
    ]
    for t in tries:
        try:
            print(t())
        except (ValueError, TypeError, OverflowError, ZeroDivisionError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)
