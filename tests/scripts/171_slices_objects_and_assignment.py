"""Slice objects, slicing with negative steps, slice assignment and deletion with CPython's errors."""
import asyncio


async def main():
    s = list(range(10))
    print(s[::2], s[::-3], s[-3:], s[:-7:-2], s[5:1], 'abcdef'[::-2], (1, 2, 3)[::-1])
    print(range(10)[2:8:3], range(0, 20, 3)[::-2], range(5)[10:], range(10)[-1:-11:-4])
    sl = slice(1, 8, 3)
    print(sl, sl.start, sl.stop, sl.step, s[sl], slice(3), slice(None, None, -2).indices(7))
    print(slice(1, 2) == slice(1, 2, None), {slice(1, 2): 'x'}[slice(1, 2)], slice(1) < slice(2))
    s[1:3] = ['a', 'b', 'c']
    print(s)
    s[::2] = 'ABCDEF'
    print(s)
    del s[::2]
    print(s)
    del s[0:1]
    print(s)
    s[5:1] = ['x']
    print(s)
    s[-100:1] = [9]
    print(s)
    t = list(range(6))
    t[4:1:-1] = [7, 8, 9]
    del t[4:1:-1]
    print(t)
    u = [1, 2, 3]
    u[1:1] = u
    print(u)
    await asyncio.sleep(0.1)
    for stmt in ["s[::2] = [1]", "s[::-1] = [1]", "s[0:1] = 5", "s[1:2:0] = []", "del s[::0]",
                 "s['a':1]", "s[1.0:2]", "del (1, 2)[0:1]", "(1, 2)[0:1] = [1]", "'abc'[0:1] = 'x'",
                 "s['a'] = 1", "del s['a']", "hash(slice(1, []))", "slice(1, 2, 0).indices(4)",
                 "slice(1, 2).indices(-1)"]:
        try:
            exec_like(stmt, s)
        except (ValueError, TypeError) as e:
            print(stmt, '->', type(e).__name__, e)
    d = {}
    d[1:2] = 3
    print(d, s)


def exec_like(stmt, s):
    if stmt == "s[::2] = [1]":
        s[::2] = [1]
    elif stmt == "s[::-1] = [1]":
        s[::-1] = [1]
    elif stmt == "s[0:1] = 5":
        s[0:1] = 5
    elif stmt == "s[1:2:0] = []":
        s[1:2:0] = []
    elif stmt == "del s[::0]":
        del s[::0]
    elif stmt == "s['a':1]":
        return s['a':1]
    elif stmt == "s[1.0:2]":
        return s[1.0:2]
    elif stmt == "del (1, 2)[0:1]":
        t = (1, 2)
        del t[0:1]
    elif stmt == "(1, 2)[0:1] = [1]":
        t = (1, 2)
        t[0:1] = [1]
    elif stmt == "'abc'[0:1] = 'x'":
        t = 'abc'
        t[0:1] = 'x'
    elif stmt == "s['a'] = 1":
        s['a'] = 1
    elif stmt == "del s['a']":
        del s['a']
    elif stmt == "hash(slice(1, []))":
        return hash(slice(1, []))
    elif stmt == "slice(1, 2, 0).indices(4)":
        return slice(1, 2, 0).indices(4)
    else:
        return slice(1, 2).indices(-1)

