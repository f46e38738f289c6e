"""close() in Python 3.13 returns the generator's return value when it returns on GeneratorExit; an exception raised while closing propagates."""
import asyncio


def summing():
    total = 0
    try:
        while True:
            total += yield
    except GeneratorExit:
        return total


def bad_cleanup():
    try:
        yield
    finally:
        raise KeyError("cleanup failed")


async def main():
    s = summing()
    next(s)
    for v in [1, 2, 3]:
        s.send(v)
    print("close returned", s.close())
    print("second close", s.close())
    b = bad_cleanup()
    next(b)
    try:
        b.close()
    except KeyError as e:
        print("close raised", repr(e))
