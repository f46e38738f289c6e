"""__eq__/__ne__ and __hash__: equality in containers, unhashable when __eq__ has no __hash__, dict/set keys."""
import asyncio


class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)

    def __hash__(self):
        return hash((self.major, self.minor))

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


class Loose:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Loose) and self.v == other.v


class Ident:
    pass


async def main():
    a, b, c = Version(1, 2), Version(1, 2), Version(2, 0)
    print(a == b, a != b, a == c, a != c, a is b, a == "1.2", a != 3)
    print(a in [c, b], [a, c].index(b), [a, b, c].count(Version(1, 2)))
    s = {a, b, c}
    print(len(s), sorted(s, key=lambda v: (v.major, v.minor)))
    d = {a: "first"}
    d[b] = "second"
    print(d, d[Version(1, 2)], hash(a) == hash(b))
    print(Loose(1) == Loose(1), Loose(1) != Loose(2), Loose(1) == 1)
    try:
        {Loose(1)}
    except TypeError as e:
        print("TypeError:", e)
    try:
        hash(Loose(2))
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(0.3)
    i, j = Ident(), Ident()
    print(i == i, i == j, i != j, len({i, j, i}))
