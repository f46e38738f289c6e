"""List, dict and set comprehensions with conditions and nested loops."""
import asyncio


async def main():
    squares = [i * i for i in range(6)]
    evens = [i for i in squares if i % 2 == 0]
    grid = [(r, c) for r in range(2) for c in range(3) if r != c]
    lookup = {k: len(k) for k in ['a', 'bb', 'ccc']}
    mods = {i % 3 for i in range(10)}
    print(squares, evens)
    print(grid)
    print(lookup, mods)
    tasks = [asyncio.create_task(asyncio.sleep(i, result=i * 10), name=f'sleep{i}') for i in range(1, 4)]
    results = [await t for t in tasks]
    print(results, {t.get_name(): t.result() for t in tasks})
