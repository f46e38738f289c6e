"""int and float arithmetic, floor division, modulo, power, true division and float repr (shortest round-trip)."""
import asyncio


async def main():
    print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 2 ** -1)
    print(7 / 2, 1 / 3, 0.1 + 0.2, 1e16, 1e-5, 123456789.0 * 10)
    print(3.0, -0.0, 2.5 * 4, 10 / 5, 1.5e300 * 1.5e10)
    print(int(3.9), int(-3.9), int('42'), float('2.5'), float(3), int(True))
    print(10 ** 15, 3 * 1.1, round_half(2.675))
    print(1 == 1.0, 3 > 2 > 1, 1 < 2 > 3, 5 != 5.0)
    print(True + True, 7.5 // 2, 7.5 % 2, -3 ** 2)
    x = 5
    x += 2
    x *= 3
    x -= 1
    x //= 4
    x **= 2
    x %= 7
    y = 1.0
    y /= 8
    print(x, y)
    await asyncio.sleep(0.25)
    return 1 / 4


def round_half(v):
    return int(v * 100) / 100
