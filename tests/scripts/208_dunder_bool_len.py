"""__bool__ and __len__: truth tests in if/while/not/and/or, len(), and their errors."""
import asyncio


class Inbox:
    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on


class Both:
    def __bool__(self):
        return False

    def __len__(self):
        return 5


class BadLen:
    def __len__(self):
        return -1


class Nothing:
    pass


async def main():
    box = Inbox()
    print(len(box), bool(box), not box)
    if not box:
        print("empty inbox")
    box.items.append("hi")
    print(len(box), bool(box), "yes" if box else "no")
    print(bool(Flag(True)), bool(Flag(False)), Flag(False) or "fallback", Flag(True) and "both")
    b = Both()
    print(bool(b), len(b))
    print(bool(Nothing()))
    try:
        len(BadLen())
    except ValueError as e:
        print("ValueError:", e)
    try:
        len(Nothing())
    except TypeError as e:
        print("TypeError:", e)
    n = 0
    while box:
        box.items.pop()
        n += 1
        await asyncio.sleep(0.1)
    print("drained", n)
