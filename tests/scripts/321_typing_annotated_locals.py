"""An annotation without a value still makes the name local to its
function (UnboundLocalError when read), a module-level annotated name is a
global, and `x: int = ...` inside a loop rebinds like a plain assignment."""
import asyncio

total: int = 0


def read_before_bind():
    value: int
    return value


def shadow():
    total: int = 5
    return total


async def main():
    try:
        read_before_bind()
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    print(shadow(), total)
    for i in range(3):
        step: int = i * 2
        await asyncio.sleep(0.1)
    print(step)
