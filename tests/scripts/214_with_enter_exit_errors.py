"""with: missing __exit__, exceptions raised by __enter__ and __exit__, nested with and exception chaining."""
import asyncio


class NoExit:
    def __enter__(self):
        return self


class FailingEnter:
    def __enter__(self):
        raise RuntimeError("cannot enter")

    def __exit__(self, *a):
        print("never called")


class FailingExit:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print("exit sees", et.__name__ if et else None)
        raise ValueError("exit failed")


class Tracker:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return False


async def main():
    try:
        with NoExit():
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        with FailingEnter():
            print("body")
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        with FailingExit():
            raise KeyError("original")
    except ValueError as e:
        print("ValueError:", e)
    try:
        with FailingExit():
            pass
    except ValueError as e:
        print("ValueError:", e)
    await asyncio.sleep(0.5)
    try:
        with Tracker("outer"):
            with Tracker("inner"):
                1 / 0
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
