"""List, dict and set comprehensions with conditions and nested loops."""
import asyncio


async def later(i):
    await asyncio.sleep(i)
    return i * 10


async def main():
    squares = [i * i for i in range(6)]
    evens = [i for i in squares if i % 2 == 0]
    grid = [(r, c) for r in range(2) for c in range(3) if r != c]
    lookup = {k: len(k) for k in ['a', 'bb', 'ccc']}
    mods = {i % 3 for i in range(10)}
    print(squares, evens)
    print(grid)
    print(lookup, mods)
    tasks = [asyncio.create_task(later(i), name=f'later{i}') for i in range(1, 4)]
    results = []
    for t in tasks:
        results.append(await t)
    print(results, {t.get_name(): t.result() for t in tasks})
