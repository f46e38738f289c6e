"""Printing values as CPython prints them: lists, tuples, dicts, sets, nested containers, None, bools, strings with quotes."""
import asyncio


async def main():
    print([1, 'two', 3.0, None, True, False])
    print((1,), (), (1, 2))
    print({'a': 1, 'b': [2, 3], 'c': {'d': None}})
    print({3, 1, 2}, {10})
    print('plain', "it's", 'say "hi"')
    print(repr('plain'), repr("it's"), repr('say "hi"'), repr('both \' and "'))
    print(['x', "y'z"], ('tab\t', 'nl\n'))
    print(str([1, 2]), repr((None,)), {})
    print([[]], [()], {1: (2, 3)})
    await asyncio.sleep(0)
    return {'done': True}
