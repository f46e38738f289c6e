"""Many draws: random() stays in [0, 1), randint covers its range, 60-bit ranges."""
import asyncio
import random


async def main():
    random.seed(0)
    values = [random.random() for _ in range(1000)]
    print(min(values) >= 0.0, max(values) < 1.0, round(sum(values) / len(values), 6))
    counts = [0] * 6
    for _ in range(6000):
        counts[random.randint(1, 6) - 1] += 1
    print(counts, sum(counts))
    print(sorted(random.sample(range(20), 20)) == list(range(20)))
    print(random.randrange(10**18), random.randint(-10**18, 10**18))
    await asyncio.sleep(0)
