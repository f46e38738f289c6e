"""Tasks computing with math while sleeping: a backoff schedule and distances between points."""
import asyncio
import math


async def backoff(name, base, attempts):
    waited = 0.0
    for i in range(attempts):
        delay = min(base * math.pow(2, i), 1.0)
        waited = math.fsum([waited, delay])
        await asyncio.sleep(delay)
        print(f'{name}: attempt {i + 1} after {delay:.3f}s (total {waited:.3f}s)')
    return waited


async def distance(p, q):
    await asyncio.sleep(0.5)
    d = math.hypot(q[0] - p[0], q[1] - p[1])
    return round(d, 6)


async def main():
    totals = await asyncio.gather(backoff('a', 0.1, 4), backoff('b', 0.25, 3))
    print(totals, math.isclose(totals[0], 1.5))
    print(await distance((0, 0), (3, 4)), await distance((1, 1), (-2, 5)))
    print(math.ceil(sum(totals)), math.floor(max(totals) * 10) / 10)
