"""Truth tests call __bool__/__len__: errors they raise propagate from if/while/not/bool(), wrong return types."""
import asyncio


class Broken:
    def __bool__(self):
        raise RuntimeError("no truth here")


class WrongType:
    def __bool__(self):
        return 1


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


async def main():
    try:
        if Broken():
            print("never")
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        not Broken()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        bool(WrongType())
    except TypeError as e:
        print("TypeError:", e)
    try:
        x = Broken() or 1
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        print("yes" if Sized(-2) else "no")
    except ValueError as e:
        print("ValueError:", e)
    s = Sized(3)
    while s:
        await asyncio.sleep(0.5)
        s.n -= 1
        print("left", s.n)
    print([n for n in range(4) if Sized(n)])
