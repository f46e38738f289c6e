"""math.factorial(100), comb and perm with big results, Fibonacci and powers of two in tasks."""
import asyncio
import math


async def fib(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
        if i % 50 == 0:
            await asyncio.sleep(0.1)
    return a


async def main():
    print(math.factorial(100))
    print(math.factorial(25), math.comb(100, 50), math.perm(30, 20), math.gcd(2**100, 6**50), math.lcm(2**70, 3**40))
    print(math.prod(range(1, 31)), sum([2**62, 2**62, 2**62]))
    results = await asyncio.gather(fib(100), fib(200), fib(300))
    for r in results:
        print(r, len(str(r)))
    print(math.log(2**2000), math.log2(2**1000), math.log10(10**400), math.floor(1e30), math.ceil(-1e25))
    print(float(2**1023), math.sqrt(2**200), math.fsum([2**60, 2**60]))
