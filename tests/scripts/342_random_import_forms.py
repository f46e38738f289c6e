"""import random as alias, from random import names, and the AttributeError-free names CPython has."""
import asyncio
import random as rnd
from random import seed, randint as ri, sample


async def main():
    seed(77)
    print(ri(1, 10), rnd.randint(1, 10), sample(range(5), 2))
    print(rnd.random.__name__, ri.__name__)
    f = rnd.choice
    print(f([10, 20, 30]))
    await asyncio.sleep(0)
