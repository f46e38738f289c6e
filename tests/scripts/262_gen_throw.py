"""Generators: throw() raises at the paused yield; the generator may catch it and yield again, or let it propagate; throw() into an unstarted or finished generator."""
import asyncio


def worker():
    n = 0
    while True:
        try:
            yield n
            n += 1
        except ValueError as e:
            print("worker caught", repr(e))
            n = 100
        except KeyError:
            print("worker got KeyError, stopping")
            return "stopped"


def fragile():
    yield 1
    yield 2


async def main():
    w = worker()
    print(next(w), next(w))
    print("throw ->", w.throw(ValueError("reset")))
    print(next(w))
    try:
        w.throw(KeyError("k"))
    except StopIteration as e:
        print("StopIteration value", e.value)
    f = fragile()
    next(f)
    try:
        f.throw(RuntimeError("boom"))
    except RuntimeError as e:
        print("propagated", e)
    print(next(f, "fragile is finished"))
    u = fragile()
    try:
        u.throw(ValueError("early"))
    except ValueError as e:
        print("unstarted", e)
    print(next(u, "unstarted is finished too"))
    try:
        u.throw(TypeError)
    except TypeError as e:
        print("into finished:", repr(e))
    try:
        fragile().throw(42)
    except TypeError as e:
        print(e)
