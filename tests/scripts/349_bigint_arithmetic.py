"""Ints never overflow: 64-bit boundaries, + - * // % ** divmod and unary ops on big ints."""
import asyncio


async def main():
    big = 2**200
    print(big, -big, 2**64, -(2**64), 2**63 - 1, -2**63)
    print(9223372036854775807 + 1, -9223372036854775808 - 1, (-9223372036854775808) // -1, abs(-9223372036854775808))
    print(big + 1, big - 2**199, big * big, 3 * big, big // 7, big % 7, -big // 7, -big % 7, big % -7)
    print(divmod(2**70, -12345), divmod(-(2**70), 12345), (2**64) ** 2, 10**30 // 10**28)
    print(2**100 / 3, (2**1030) / 2**1000, 2**-2, (2**100) ** -1, 2**64 + 0.5, 2**70 * 1.5)
    x = 1
    for i in range(1, 40):
        x *= i
    print(x, x // (2**40), x % 1000007)
    n = 2**64
    n -= 2**64 - 5
    print(n, type(n).__name__, n == 5, 0 ** 0, (-1) ** (2**100), (-2) ** 65)
    for expr in [lambda: big // 0, lambda: big % 0, lambda: big / 0, lambda: 2**2000 / 3, lambda: float(2**1024),
                 lambda: 2**1024 + 0.5, lambda: 1 << -1, lambda: big >> -2]:
        try:
            print(expr())
        except (ZeroDivisionError, OverflowError, ValueError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)
