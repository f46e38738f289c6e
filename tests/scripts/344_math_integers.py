"""math's integer functions: factorial, gcd, lcm, comb, perm, prod and the exact fsum."""
import asyncio
import math


async def main():
    print([math.factorial(n) for n in range(0, 21, 4)], math.factorial(True))
    print(math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(7), math.gcd(), math.gcd(24, 36, 60))
    print(math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(), math.lcm(0, 5), math.lcm(-4, 6))
    print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.comb(60, 30), math.perm(5, 2), math.perm(5), math.perm(4, 7))
    print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2]), math.prod(range(1, 6), start=10), math.prod(['ab'], start=3))
    print(sum([0.1] * 10), math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([]), math.fsum(range(5)))
    print(math.fsum([1, 2.5, math.inf]), math.fsum([0.1, 0.2, 0.3]))
    await asyncio.sleep(0)
