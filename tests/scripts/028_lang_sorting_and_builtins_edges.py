"""Sorting stability with keys, sorting tuples and mixed ints/floats, sum with a start, min/max of empty sequences, isinstance with a tuple of types, iterating strings and dicts."""
import asyncio


async def main():
    people = [('bo', 30), ('al', 25), ('cy', 30), ('di', 25)]
    print(sorted(people, key=lambda p: p[1]))
    print(sorted(people), sorted([3, 1.5, 2, -0.5, 2.0]))
    print(sum([1, 2, 3], 10), sum([0.1] * 10), max([1, 5, 3]), min('hello'))
    for f in [min, max]:
        try:
            f([])
        except ValueError as e:
            print(repr(e))
    print(isinstance(2.5, (int, float)), isinstance('x', (int, float)), [c for c in 'abc'])
    d = {'k1': 1, 'k2': 2}
    print([k for k in d], [p for p in enumerate(d)], [t for t in zip('ab', [1, 2], (True, None))])
    print(sorted({'b': 1, 'a': 2}), len(range(0, 10, 3)), [x for x in range(10, 0, -3)])
    await asyncio.sleep(0)
