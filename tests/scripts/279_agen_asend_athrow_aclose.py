"""Async generator methods: asend() delivers a value at the yield, athrow() raises there, aclose() throws GeneratorExit; misuse errors as in CPython."""
import asyncio


async def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("accumulator caught", e)
            total = 0
            continue
        await asyncio.sleep(0.1)
        if value is not None:
            total += value


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("stubborn ignores GeneratorExit")
    yield 2


async def main():
    acc = accumulator()
    try:
        await acc.asend(5)
    except TypeError as e:
        print("TypeError:", e)
    print(await acc.asend(None))
    print(await acc.asend(5), await acc.asend(10))
    print(await acc.athrow(ValueError("reset")))
    print(await acc.asend(7))
    aw = acc.__anext__()
    print(type(aw).__name__)
    print(await aw)
    print(await acc.aclose(), await acc.aclose())
    try:
        await acc.asend(None)
    except StopAsyncIteration as e:
        print("after aclose:", repr(e))
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    fresh = accumulator()
    print("aclose unstarted:", await fresh.aclose())
    try:
        await stubborn().athrow(KeyError("k"))
    except KeyError as e:
        print("athrow unstarted:", repr(e))
