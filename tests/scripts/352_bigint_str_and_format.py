"""str, repr and format of big ints: grouping, padding, bases, and CPython's 4300-digit limit."""
import asyncio


async def main():
    n = 2**100
    print(str(n), repr(-n), f'{n:,}', f'{n:_}', f'{-n:,}', f'{n:>40}', f'{n:<35}|', f'{n:^36}|', f'{n:+}', f'{n:045}')
    print(f'{n:e}', f'{n:.3f}', f'{n:g}', f'{2**70:%}', '%d items' % n, '{:,}'.format(2**64))
    print(int('123456789012345678901234567890'), int(' -123456789012345678901234567890 '), int('f' * 20, 16),
          int('0x' + 'f' * 20, 16), int('1' * 70, 2), int('1_000_000_000_000_000_000_000'), int(1e20), int(-1.5e19), round(1e20))
    print(len(str(10**4299)), str(10**4299)[:10])
    for f in [lambda: str(10**4300), lambda: int('9' * 4301), lambda: f'{10**5000}', lambda: repr([1, 10**4400])]:
        try:
            print(f())
        except ValueError as e:
            print('ValueError:', e)
    print(len(f'{10**5000:x}') > 4000)
    await asyncio.sleep(0)
