"""A generator cannot be resumed from inside itself: ValueError('generator already executing')."""
import asyncio


def selfish():
    yield 1
    try:
        next(me)
    except ValueError as e:
        print("inside:", e)
    yield 2
    me.send(None)
    yield 3


async def main():
    global me
    me = selfish()
    print(next(me), next(me))
    try:
        next(me)
    except ValueError as e:
        print("outside:", e)
    print(next(me, "finished"))
