"""Arithmetic dunders: __add__/__radd__/__iadd__/__mul__/__sub__/__neg__, NotImplemented and sum()."""
import asyncio


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


class Acc:
    def __init__(self):
        self.total = 0

    def __iadd__(self, n):
        self.total += n
        return self


async def main():
    a, b = Vec(1, 2), Vec(3, 4)
    print(a + b, b - a, a * 3, 2 * a, -a, abs(b))
    print(sum([a, b, Vec(1, 1)]), a + b == Vec(4, 6))
    c = a
    c += b
    print(c, a, c is a)
    acc = Acc()
    alias = acc
    acc += 5
    acc += 7
    print(acc.total, acc is alias)
    try:
        a + 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        "s" * a
    except TypeError as e:
        print("TypeError:", e)
    try:
        a / 2
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(0.25)
    print([v * 2 for v in (a, b)])
