"""Circular imports that fail, with CPython's errors: `from a import x`
while `a` is partially initialised (ImportError, "most likely due to a
circular import"), and `c.VALUE` read before c defined it (AttributeError);
a failed import runs the module again next time."""
import asyncio


def short(e):
    # CPython's messages hold the module's absolute path: keep its file name
    words = []
    for w in str(e).split(" "):
        if w[1:2] == "/":
            w = w[0] + w.split("/")[-1]
        words.append(w)
    return " ".join(words)


async def main():
    try:
        import a
    except ImportError as e:
        print(type(e).__name__, short(e))
    try:
        import c
    except AttributeError as e:
        print(type(e).__name__, short(e))
    try:
        import b
    except ImportError as e:
        print("again:", type(e).__name__, short(e))
    await asyncio.sleep(0)
