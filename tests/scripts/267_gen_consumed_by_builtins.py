"""Generators consumed by built-ins: list, tuple, set, dict, sum, min, max, sorted, zip, enumerate, map, filter, reversed of a list, `in`, str.join and unpacking."""
import asyncio


def squares(n):
    for i in range(n):
        yield i * i


def pairs():
    yield ("a", 1)
    yield ("b", 2)


async def main():
    print(list(squares(5)), tuple(squares(3)), sorted(set(squares(4)), reverse=True))
    print(dict(pairs()))
    print(sum(squares(4)), min(squares(4)), max(squares(4)), sum(squares(3), 10))
    print(max(squares(4), key=lambda x: -x), min((x for x in []), default="empty"))
    print(sorted(squares(4), reverse=True))
    print(list(zip(squares(3), "abc")), list(enumerate(squares(3), 1)))
    print(list(map(str, squares(3))), list(filter(None, squares(3))))
    print(9 in squares(5), 7 in squares(5))
    print("-".join(str(x) for x in squares(4)))
    a, b, c = squares(3)
    first, *rest = squares(4)
    print(a, b, c, first, rest)
    try:
        x, y = squares(3)
    except ValueError as e:
        print("ValueError:", e)
    print([*squares(2), *squares(2)], len(list(squares(6))))
    print(any(squares(1)), all(squares(3)), all(x >= 0 for x in squares(3)))
    try:
        len(squares(2))
    except TypeError as e:
        print("TypeError:", e)
