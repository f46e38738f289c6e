"""User iterators: __iter__/__next__ in for loops, StopIteration, list(), next() with a default, unpacking."""
import asyncio


class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return CountdownIter(self.start)


class CountdownIter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Forever:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        return self.i


class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i


async def main():
    for i in Countdown(3):
        print("tick", i)
        await asyncio.sleep(1)
    print(list(Countdown(4)), sum(Countdown(5)), sorted(Countdown(3)))
    it = iter(Countdown(2))
    print(next(it), next(it), next(it, "done"))
    try:
        next(it)
    except StopIteration:
        print("StopIteration")
    a, b, c = Countdown(3)
    print(a, b, c)
    for n in Forever():
        if n > 3:
            break
        print("forever", n)
    print([x for x in Countdown(3)], list(Squares()), 9 in Squares())
    print(dict(zip(["a", "b"], Countdown(2))), list(enumerate(Countdown(2))))
    try:
        iter(5)
    except TypeError as e:
        print("TypeError:", e)
