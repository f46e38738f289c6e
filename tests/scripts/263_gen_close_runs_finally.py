"""Generators: close() and an early `break` run the generator's finally; GeneratorExit can be caught; ignoring it is a RuntimeError."""
import asyncio


def numbers(tag):
    try:
        i = 0
        while True:
            print(tag, "yield", i)
            yield i
            i += 1
    finally:
        print(tag, "finally")


def stubborn():
    while True:
        try:
            yield "x"
        except GeneratorExit:
            print("stubborn ignores GeneratorExit")


def polite():
    try:
        yield 1
    except GeneratorExit:
        print("polite cleans up")
        raise


async def main():
    g = numbers("A")
    next(g)
    next(g)
    print("close ->", g.close())
    print("close again ->", g.close())
    print(next(g, "A is closed"))
    for x in numbers("B"):
        if x == 2:
            print("breaking")
            break
    print("after the loop")
    never = numbers("C")
    print("close unstarted ->", never.close())
    s = stubborn()
    next(s)
    try:
        s.close()
    except RuntimeError as e:
        print("RuntimeError:", e)
    p = polite()
    next(p)
    p.close()
    print("done")
