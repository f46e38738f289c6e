"""The supported builtins: len, range, enumerate, zip, sum, min, max, sorted, isinstance, repr, str, int, float."""
import asyncio


async def main():
    xs = [5, 3, 8, 1]
    print(len(xs), len('hello'), len({'a': 1}), len((1, 2, 3)))
    print(list_of(range(3)), list_of(range(2, 10, 3)), list_of(range(5, 0, -2)))
    for i, v in enumerate(xs):
        print(i, v, end='; ')
    print()
    print([p for p in enumerate('ab', 1)])
    print([p for p in zip(xs, 'abcd')], [p for p in zip([1, 2, 3], [4, 5])])
    print(sum(xs), sum([0.5, 0.25]), min(xs), max(xs), min(4, 2, 9), max('b', 'a'))
    print(sorted(xs), sorted(xs, reverse=True), sorted(['b', 'C', 'a']))
    print(isinstance(3, int), isinstance(3.0, int), isinstance('s', str), isinstance(True, int))
    print(isinstance([], list), isinstance({}, dict), isinstance((1,), tuple), isinstance(None, float))
    print(repr(1.0), repr('q'), repr([1, 'a']), str(2.50), int('-7'), float('1e3'))
    print(max([3, 1, 2], key=lambda v: -v), min(['aaa', 'b', 'cc'], key=len))
    await asyncio.sleep(0)


def list_of(it):
    return [x for x in it]
