"""Self-referential and deeply nested containers: RecursionError in comparison and repr, [...] for cycles."""
import asyncio


def deep(n):
    x = []
    for i in range(n):
        x = [x]
    return x


async def main():
    a = []
    a.append(a)
    b = []
    b.append(b)
    print(repr(a), a, str([a, 1]), f"{a}")
    d = {}
    d[1] = d
    print(d, [d, a])
    for name, f in [("==", lambda: a == b), ("!=", lambda: a != b), ("<", lambda: a < b), ("in", lambda: a in b),
                    ("index", lambda: b.index(a)), ("count", lambda: b.count(a))]:
        try:
            print(name, f())
        except RecursionError as e:
            print(name, 'RecursionError', e)
    da = {}
    da[1] = da
    db = {}
    db[1] = db
    try:
        print(da == db)
    except RecursionError as e:
        print('dict', e)
    print(a == a, a in [a], [a].count(a))
    await asyncio.sleep(0.1)
    for n in [50, 20000]:
        x, y = deep(n), deep(n)
        r = []
        for name, f in [("eq", lambda: x == y), ("repr", lambda: len(repr(x))), ("str", lambda: len(str(x))),
                        ("lt", lambda: x < y), ("fstr", lambda: len(f"{x}"))]:
            try:
                r.append(name + ":" + str(f()))
            except RecursionError as e:
                r.append(name + ":" + str(e))
        print(n, r)
    x = deep(200000)
    print(x == x)
    del x
    print('dropped')
    try:
        raise RecursionError('custom')
    except RuntimeError as e:
        print(type(e).__name__, e)

