"""An exception inside a generator reaches the consumer at next()/for; the generator is then finished; try/except inside the generator can recover and continue."""
import asyncio


def parse_ints(texts):
    for t in texts:
        yield int(t)


def tolerant(texts):
    for t in texts:
        try:
            yield int(t)
        except GeneratorExit:
            raise
        finally:
            pass
    yield "end"


def safe_parse(texts):
    for t in texts:
        try:
            value = int(t)
        except ValueError as e:
            print("skipping:", e)
            continue
        yield value


async def consume(gen):
    total = 0
    for x in gen:
        total += x
        await asyncio.sleep(0.1)
    return total


async def main():
    g = parse_ints(["1", "x", "3"])
    try:
        for v in g:
            print("parsed", v)
    except ValueError as e:
        print("ValueError:", e)
    print("after error:", next(g, "finished"))
    print(list(safe_parse(["4", "five", "6"])))
    try:
        print(await consume(parse_ints(["1", "2", "oops"])))
    except ValueError as e:
        print("task saw", e, "at", asyncio.get_running_loop().time())
    print(await consume(safe_parse(["10", "", "20"])))
