"""async with: __aexit__ suppressing exceptions, protocol errors, and several managers in one statement."""
import asyncio


class Suppress:
    def __init__(self, *types):
        self.types = types

    async def __aenter__(self):
        return None

    async def __aexit__(self, et, ev, tb):
        await asyncio.sleep(0.1)
        if et is not None and issubclass(et, self.types):
            print("suppressed", repr(ev))
            return True
        return False


class Step:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("enter", self.name)
        await asyncio.sleep(0.1)
        return self.name

    async def __aexit__(self, *exc):
        print("exit", self.name, exc[0])


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


async def main():
    async with Suppress(KeyError, ValueError):
        raise ValueError("bad value")
    print("continued")
    try:
        async with Suppress(KeyError):
            raise IndexError("not suppressed")
    except IndexError as e:
        print("IndexError:", e)
    async with Step("a") as a, Step("b") as b, Suppress(ZeroDivisionError):
        print("body", a, b)
        1 / 0
    try:
        async with SyncOnly():
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        with Step("sync"):
            pass
    except TypeError as e:
        print("TypeError:", e)
