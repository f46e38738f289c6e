"""Mutating containers: indexing, item assignment, append, membership, iteration over dicts, set operations."""
import asyncio


async def main():
    d = {}
    d['b'] = 2
    d['a'] = 1
    d['b'] += 10
    print(d, 'a' in d, 'z' in d, d['b'])
    for k in d:
        print('key', k)
    for k, v in d.items():
        print(k, '->', v)
    xs = []
    for i in range(4):
        xs.append(i * 2)
        await asyncio.sleep(0.1)
    xs[0] = 99
    print(xs, xs[1], xs[-1], 4 in xs)
    s = {1, 2, 3}
    t = {3, 4}
    print(s | t, s & t, s - t, 2 in s)
    nested = {'list': [1, [2, 3]], 'tuple': (4, (5,))}
    nested['list'][1].append(4)
    print(nested)
    print([1, 2] + [3], (1,) + (2,), [0] * 3, [1, 2] == [1, 2], (1, 2) < (1, 3))
