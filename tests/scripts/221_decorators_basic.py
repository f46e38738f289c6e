"""Function decorators: wrappers, decorator factories with arguments, stacking order and evaluation order."""
import asyncio


def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper() + "!"
    return wrapper


def trace(label):
    print(f"trace({label!r}) evaluated")

    def deco(func):
        print(f"trace({label!r}) applied to {func.__name__}")

        def wrapper(*args):
            print(f"[{label}] calling {func.__name__}{args}")
            return func(*args)
        return wrapper
    return deco


def repeat(n):
    def deco(func):
        def wrapper(*args):
            return [func(*args) for _ in range(n)]
        return wrapper
    return deco


@shout
def greet(name):
    return f"hello {name}"


@trace("outer")
@trace("inner")
def add(a, b):
    return a + b


@repeat(3)
def roll(x):
    return x * 2


def register(registry):
    def deco(func):
        registry.append(func.__name__)
        return func
    return deco


HANDLERS = []


@register(HANDLERS)
def on_start():
    return "started"


@register(HANDLERS)
async def on_stop():
    await asyncio.sleep(0.5)
    return "stopped"


async def main():
    print(greet("ann"))
    print(add(2, 3))
    print(roll(4))
    print(HANDLERS, on_start(), await on_stop())
    print(greet.__name__, add.__qualname__)
