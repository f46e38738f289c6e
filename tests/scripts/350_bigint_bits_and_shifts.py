"""Shifts and bitwise operators on big ints, with two's-complement results for negatives."""
import asyncio


async def main():
    print(1 << 100, (1 << 100) >> 90, (-2**100) >> 90, (-1) >> 200, (2**100) >> 200, 5 << 70)
    print((2**100) & (2**64 - 1), (2**100 + 12345) & 0xFFFF, (-2**70) | 5, (2**70) ^ (2**69), ~(2**64), ~(-2**64))
    print(-(2**70) & (2**72 - 1), (-(2**70)) ^ -1, 0xFFFFFFFFFFFFFFFFFFFF, 0b1 << 64, 0o777777777777777777777777)
    mask = (1 << 128) - 1
    h = 0
    for c in [116, 97, 115, 107, 108, 105, 110, 101]:
        h = ((h * 31) ^ c) & mask
        h = (h << 7 | h >> 121) & mask
    print(h)
    print(f'{2**70:b}', f'{2**100:x}', f'{-2**100:#x}', f'{2**70:_o}', f'{2**100:X}', f'{2**80:#b}')
    await asyncio.sleep(0)
