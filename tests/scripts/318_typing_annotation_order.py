"""The order CPython 3.13 evaluates a def's pieces: positional defaults,
keyword-only defaults, then the annotations of the parameters in order
(*args and **kwargs included) and the return annotation last; and at module
level a value before its annotation."""
import asyncio


def log(what):
    print("evaluating", what)
    return what


def f(a: log("ann a") = log("default a"), *args: log("ann args"), b: log("ann b") = log("default b"), **kw: log("ann kw")) -> log("ann return"):
    return a


x: log("ann x") = log("value x")


async def main():
    print(f(1), x)

    async def inner(p: log("inner ann p")) -> log("inner ann return"):
        q: log("never") = p
        return q

    print(await inner(5))
