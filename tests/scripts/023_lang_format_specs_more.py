"""More format specs: exponent and general floats, thousands separators, percentages, fill characters, signs, and format on strings and ints."""
import asyncio


async def main():
    x = 1234567.891
    print(f'{x:e} {x:.2e} {x:g} {0.00001234:g} {x:,.2f} {1234567:,}')
    print(f'{0.256:.1%} {0.5:%} {-3:+} {3: } {7:03} {-7:04}')
    print(f'{"ab":*^8}|{"ab":-<5}|{"ab":.>5}|{42:#x} {255:x} {255:X} {5:b} {8:o}')
    print(f'{3.0:.0f} {2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f} {1e20:.1f}')
    print(f'{12.5:8.2f}|{-12.5:<9.1f}|{12:^6d}|{"s":>3}|{True} {None!r}')
    print(f'{x:10.1f}|{-0.0:.1f}|{1e-7:.3g}')
    await asyncio.sleep(0)
