"""Generators: `x = yield v` receives send()'s value; send() before the first next() needs None; a running average coroutine-style generator."""
import asyncio


def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        print("received", value)
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return (count, average)


def echo():
    reply = None
    while True:
        got = yield reply
        reply = f"echo:{got}"


async def main():
    avg = averager()
    try:
        avg.send(10)
    except TypeError as e:
        print("TypeError:", e)
    print("primed:", avg.send(None))
    for v in [10, 20, 60]:
        print("average", avg.send(v))
    try:
        avg.send(None)
    except StopIteration as e:
        print("finished with", e.value)
    ec = echo()
    next(ec)
    print(ec.send("a"), ec.send(1), ec.send(None), next(ec))
    try:
        avg.send(5)
    except StopIteration as e:
        print("send to finished:", repr(e))
    await asyncio.sleep(0)
    print(ec.send([1, 2]))
