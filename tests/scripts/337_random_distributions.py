"""uniform, gauss (and its cached second value), normalvariate, expovariate and triangular."""
import asyncio
import random


async def main():
    random.seed(8)
    print([round(random.uniform(-1, 1), 12) for _ in range(4)])
    print(random.uniform(10, 10), random.uniform(5, 1))
    g1 = random.gauss()
    g2 = random.gauss()
    print(g1, g2)
    random.seed(8)
    [random.uniform(-1, 1) for _ in range(6)]
    print(random.gauss(100, 15))
    random.seed(8)
    [random.uniform(-1, 1) for _ in range(6)]
    random.gauss()
    random.seed(8)
    [random.uniform(-1, 1) for _ in range(6)]
    print('seed() drops the cached gauss value:', random.gauss() == g1)
    print(random.normalvariate(), random.normalvariate(50, 2), random.normalvariate(mu=1, sigma=0))
    print(random.expovariate(), random.expovariate(2), random.expovariate(lambd=0.25))
    print(random.triangular(), random.triangular(0, 10), random.triangular(0, 10, 9), random.triangular(3, 3, 3))
    try:
        random.expovariate(0)
    except ZeroDivisionError as e:
        print('ZeroDivisionError:', e)
    await asyncio.sleep(0)
