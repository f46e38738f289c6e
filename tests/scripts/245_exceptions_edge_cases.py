"""Exception edge cases: __init__ without super(), raising non-exceptions, except with a plain class, __repr__."""
import asyncio


class NoSuper(Exception):
    def __init__(self, a, b):
        self.total = a + b


class Pretty(Exception):
    def __repr__(self):
        return "Pretty!"


class NotAnError:
    pass


async def main():
    try:
        raise NoSuper(1, 2)
    except NoSuper as e:
        print(e.args, e.total, str(e), repr(e))
    print(repr(Pretty("x")), str(Pretty("x")), [Pretty()])
    try:
        raise NotAnError()
    except TypeError as e:
        print("TypeError:", e)
    try:
        raise NotAnError
    except TypeError as e:
        print("TypeError:", e)
    try:
        try:
            raise ValueError("v")
        except NotAnError:
            print("never")
    except TypeError as e:
        print("TypeError:", e)
    e = NoSuper(3, 4)
    e.extra = "attr"
    print(e.extra, e.total, isinstance(e, Exception))
    await asyncio.sleep(0.5)
    raise NoSuper(5, 6)
