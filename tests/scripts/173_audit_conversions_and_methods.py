"""Conversions and methods that used to fall back to a default silently: int() bases, sort with NaN, kwargs."""
import asyncio


async def main():
    for s, b in [('10', 0), ('0x1f', 0), ('0x1f', 16), ('0b101', 0), ('0o17', 8), ('1_000', 10), ('007', 10),
                 ('010', 0), ('_1', 10), ('1__0', 10), ('-_1', 10), ('z', 36), ('12', 40), ('12', 1), (' -42 ', 10),
                 ('0x_ff', 16), ('', 10)]:
        try:
            print(repr(s), b, int(s, b))
        except ValueError as e:
            print(repr(s), b, 'ValueError', e)
    nan = float('nan')
    print(sorted([3, 1, 2], reverse=True), sorted(['b', 'a', 'c'], key=lambda x: x.upper(), reverse=True))
    print(len(sorted([nan, 1.0, nan, 0.5])))
    for f in [lambda: sorted([1], cmp=None), lambda: max([1], foo=1), lambda: [1].sort(bad=1),
              lambda: [1, 'a'].sort(), lambda: [].append(x=1), lambda: {}.get('a', default=1)]:
        try:
            print(f())
        except TypeError as e:
            print('TypeError', e)
    a = [1, 2, 3]
    i = 0

    def idx():
        nonlocal i
        i += 1
        return 0

    a[idx()] += 10
    print(a, i)
    d = {'k': [1]}
    d['k'] += [2]
    print(d, (1, 2) == (1, 2), range(0, 3, 2) == range(0, 4, 2), range(0) == range(5, 5), range(1, 2) == range(1, 3, 5))
    t = asyncio.create_task(asyncio.sleep(0.1, result='r'))
    g = asyncio.gather(t)
    await g
    print(g.exception(), g.result())


