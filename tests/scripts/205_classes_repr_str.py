"""__repr__ and __str__: print, str(), repr(), f-strings with !r/!s, containers use repr, default repr."""
import asyncio


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __str__(self):
        return f"${self.cents / 100:.2f}"

    def __repr__(self):
        return f"Money({self.cents})"


class OnlyStr:
    def __str__(self):
        return "only-str"


class Plain:
    pass


class BadRepr:
    def __repr__(self):
        return 42


async def main():
    p = Point(1, "two")
    m = Money(1999)
    print(p, m)
    print(str(p), repr(m), str(m))
    print(f"{p} {m} {m!r} {p!s}")
    print([p, m], (m,), {"k": m})
    o = OnlyStr()
    print(o, [o][0] is o, str(o))
    print("OnlyStr object at 0x" in repr(o))
    await asyncio.sleep(0)
    print(Plain())
    print([Plain()])
    try:
        repr(BadRepr())
    except TypeError as e:
        print("TypeError:", e)
    print(f"{m:>10}" if False else format(str(m), ">10"))
