"""`yield` in expression positions: bare yield, yield in a condition, in a call argument, in a tuple, and a yield whose sent value is used immediately."""
import asyncio


def forms():
    a = yield
    print("a =", a)
    b = (yield "second") or "fallback"
    print("b =", b)
    print("arg:", (yield "third"))
    pair = (yield "fourth"), (yield "fifth")
    print("pair =", pair)
    while (yield "loop") != "stop":
        print("looping")
    return "done"


async def main():
    g = forms()
    print(repr(next(g)))
    print(g.send("A"))
    print(g.send(None))
    print(g.send("C"))
    print(g.send(1))
    print(g.send(2))
    print(g.send("go"))
    try:
        g.send("stop")
    except StopIteration as e:
        print("returned", e.value)
