"""A small LRU cache of async lookups on an OrderedDict (move_to_end, popitem(last=False))."""
import asyncio
from collections import OrderedDict


class LRU:
    def __init__(self, size):
        self.size = size
        self.data = OrderedDict()
        self.misses = 0

    async def get(self, key):
        if key in self.data:
            self.data.move_to_end(key)
            return self.data[key]
        self.misses += 1
        await asyncio.sleep(0.5)
        self.data[key] = key.upper()
        if len(self.data) > self.size:
            old = self.data.popitem(last=False)
            print('evicted', old)
        return self.data[key]


async def main():
    cache = LRU(2)
    for key in ['a', 'b', 'a', 'c', 'b', 'a']:
        print(key, await cache.get(key))
    print(cache.data, cache.misses, list(cache.data), list(cache.data.items()))
