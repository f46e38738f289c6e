"""Sync and async functions with default and keyword arguments."""
import asyncio


def greet(name, greeting='hello', punct='!'):
    return f'{greeting}, {name}{punct}'


async def wait_and_add(a, b=10, *, delay=0.5):
    await asyncio.sleep(delay)
    return a + b


async def main():
    print(greet('ann'))
    print(greet('bob', 'hi'))
    print(greet('cy', punct='?'))
    print(greet(greeting='hey', name='dee'))
    print(await wait_and_add(1))
    print(await wait_and_add(1, 2))
    print(await wait_and_add(a=5, delay=1.5))
