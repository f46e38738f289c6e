"""lru_cache on methods (self is part of the key) and caching async results by storing tasks."""
import asyncio
import functools


class Pricing:
    def __init__(self, rate):
        self.rate = rate
        self.computed = 0

    @functools.lru_cache(maxsize=None)
    def price(self, qty):
        self.computed += 1
        return qty * self.rate


CACHE = {}


async def fetch_user(uid):
    print("fetching", uid)
    await asyncio.sleep(1)
    return {"id": uid}


def cached_fetch(uid):
    if uid not in CACHE:
        CACHE[uid] = asyncio.create_task(fetch_user(uid))
    return CACHE[uid]


async def main():
    p, q = Pricing(2), Pricing(3)
    print(p.price(5), p.price(5), q.price(5), p.computed, q.computed)
    results = await asyncio.gather(cached_fetch(1), cached_fetch(1), cached_fetch(2))
    print(results, len(CACHE))
