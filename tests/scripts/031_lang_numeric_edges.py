"""Numeric corner cases: floor division and modulo with negative and float operands, int()/float() parsing whitespace, signs and underscores, bool arithmetic, comparisons with None."""
import asyncio


async def main():
    print(-7.5 // 2, -7.5 % 2, 7 % -3, -7 // -2, 7.0 // 0.5, 2 ** 0.5 * 2 ** 0.5)
    print(int('  42 '), int('+5'), int('-0'), int('1_000'), float(' 1.5\n'), float('1e-3'), int(-0.5), int(2.9999))
    print(True * 3, -True, True + 0.5, False ** 0, 3 / True)
    print(None == None, None != 0, None is None, 0 == False, '' == False)
    try:
        print(None < 1)
    except TypeError as e:
        print(e)
    try:
        print(int('4.0'))
    except ValueError as e:
        print(e)
    x = 10
    x /= 4
    print(x, type_name(x))
    await asyncio.sleep(0)


def type_name(v):
    if isinstance(v, bool):
        return 'bool'
    if isinstance(v, int):
        return 'int'
    if isinstance(v, float):
        return 'float'
    return 'other'
