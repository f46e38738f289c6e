"""f-string formats: precision, width, alignment, zero padding, !r and !s conversions, nested expressions; string concatenation and repetition."""
import asyncio
import time


async def main():
    x = 3.14159
    name = 'ann'
    n = 42
    print(f'{x:.2f} {x:.0f} {x:8.3f}|')
    print(f'{name!r} {name!s} {name:>5}| {name:<5}| {name:^7}|')
    print(f'{n:5}| {n:<5}| {n:05d} {n:+d} {-n:d}')
    print(f'{n * 2} {n > 40} {[n, name]} {None}')
    print(f'{"nested"} {len(name)} {x!r}')
    await asyncio.sleep(1.25)
    print(f'elapsed {time.monotonic():.3f}s')
    s = 'ab' + 'cd'
    print(s * 2, len(s), s[0], s[-1], 'b' in s, 'z' not in s)
    print(str(12) + str(1.5) + str(None) + str(True))
    print(f'{{braces}} {n:>6}|')
