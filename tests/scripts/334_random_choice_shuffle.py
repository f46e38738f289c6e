"""choice over lists, tuples, strings and ranges; shuffle in place; the empty-sequence errors."""
import asyncio
import random


async def main():
    random.seed(2023)
    colors = ['red', 'green', 'blue', 'yellow']
    print([random.choice(colors) for _ in range(8)])
    print(random.choice((1, 2, 3)), random.choice('taskline'), random.choice(range(10, 100, 5)))
    deck = [f'{r}{s}' for s in 'SHDC' for r in 'A23456789TJQK']
    random.shuffle(deck)
    print(deck[:13])
    one = [1]
    random.shuffle(one)
    empty = []
    random.shuffle(empty)
    print(one, empty, random.shuffle(colors), colors)
    for bad in [[], '', ()]:
        try:
            random.choice(bad)
        except IndexError as e:
            print('IndexError:', e)
    try:
        random.choice({1, 2})
    except TypeError as e:
        print('TypeError:', e)
    try:
        random.shuffle((1, 2, 3))
    except TypeError as e:
        print('TypeError:', e)
    await asyncio.sleep(0)
