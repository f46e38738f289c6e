"""Nested data updates, nested loops with break/continue/else, enumerate over zip with tuple unpacking, print with a starred list and sep."""
import asyncio


async def main():
    grid = {'a': {'hits': 0, 'log': []}, 'b': {'hits': 0, 'log': []}}
    for i, (key, step) in enumerate(zip(['a', 'b', 'a'], [1, 2, 3])):
        grid[key]['hits'] += step
        grid[key]['log'].append(i)
    print(grid)
    found = None
    for row in range(3):
        for col in range(3):
            if col == row:
                continue
            if row * col == 2:
                found = (row, col)
                break
        else:
            continue
        break
    print('found', found)
    matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
    print(matrix, [row[i] for i, row in enumerate(matrix)], [x for row in matrix for x in row if x % 2])
    print(*[1, 2, 3], sep='-')
    print(*'abc', *[None], sep=', ', end='.\n')
    make = lambda n: (lambda x: x * n)
    print(make(3)(4), [make(i)(2) for i in range(3)])
    await asyncio.sleep(0)
