"""random.seed with str values: version 2 hashes the UTF-8 bytes with SHA-512, as CPython does."""
import asyncio
import random


async def main():
    for seed in ["", "a", "hello", "hello world", "ünïcode ✓", "🎲 dice", "x" * 200, "0", "42"]:
        random.seed(seed)
        print(repr(seed[:20]), random.random(), random.randint(0, 10**9))
    random.seed("42")
    s = random.random()
    random.seed(42)
    print('str "42" and int 42 differ:', s != random.random())
    random.seed("abc", version=1)
    print('version 1:', random.random())
    random.seed("abc", version=2)
    print('version 2:', random.random())
    await asyncio.sleep(0)
