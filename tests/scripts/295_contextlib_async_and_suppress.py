"""contextlib.asynccontextmanager through __aenter__/__aexit__ (awaits inside run in the calling task), contextlib.suppress and closing/aclosing via their protocol methods."""
import asyncio
import contextlib


@contextlib.asynccontextmanager
async def connection(name):
    print("connecting", name)
    await asyncio.sleep(1)
    try:
        yield f"conn-{name}"
    finally:
        await asyncio.sleep(0.5)
        print("disconnected", name, "at", asyncio.get_running_loop().time())


def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")


async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("agen closed")


async def main():
    cm = connection("db")
    print(type(cm).__name__)
    conn = await cm.__aenter__()
    print("using", conn, "at", asyncio.get_running_loop().time())
    print("aexit:", await cm.__aexit__(None, None, None))
    cm = connection("cache")
    await cm.__aenter__()
    err = OSError("lost")
    print("aexit with error:", await cm.__aexit__(OSError, err, None))
    s = contextlib.suppress(KeyError, IndexError)
    print(type(s).__name__, s.__enter__())
    print(s.__exit__(KeyError, KeyError("a"), None), s.__exit__(IndexError, IndexError("b"), None))
    print(s.__exit__(ValueError, ValueError("c"), None), s.__exit__(None, None, None))
    g = gen()
    c = contextlib.closing(g)
    print(next(c.__enter__()))
    c.__exit__(None, None, None)
    a = agen()
    ac = contextlib.aclosing(a)
    it = await ac.__aenter__()
    print(await it.__anext__())
    await ac.__aexit__(None, None, None)
    print("done at", asyncio.get_running_loop().time())
