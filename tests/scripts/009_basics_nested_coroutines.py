"""A chain of coroutines awaiting each other: suspension shows the whole chain innermost last."""
import asyncio


async def leaf(n):
    await asyncio.sleep(n)
    return n + 1


async def middle(n):
    v = await leaf(n)
    return v * 2


async def top():
    a = await middle(1)
    b = await middle(2)
    return a + b


async def main():
    t = asyncio.create_task(top(), name='top')
    print(await t)
