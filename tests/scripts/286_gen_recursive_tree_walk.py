"""Recursive generators with `yield from`: in-order tree traversal, permutations and a depth-first path search, consumed lazily."""
import asyncio


def inorder(tree):
    if tree is None:
        return
    left, value, right = tree
    yield from inorder(left)
    yield value
    yield from inorder(right)


def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in perms(rest):
            yield [items[i]] + p


def paths(graph, start, goal, seen=()):
    if start == goal:
        yield [goal]
        return
    for nxt in graph.get(start, []):
        if nxt not in seen:
            for p in paths(graph, nxt, goal, seen + (start,)):
                yield [start] + p


async def main():
    tree = (((None, 1, None), 2, (None, 3, None)), 4, (None, 5, (None, 6, None)))
    print(list(inorder(tree)))
    print(["".join(p) for p in perms("abc")])
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["e"], "e": []}
    route = paths(graph, "a", "e")
    print("first route:", next(route))
    print("remaining:", list(route))
    print(sum(1 for _ in perms([1, 2, 3, 4])))
