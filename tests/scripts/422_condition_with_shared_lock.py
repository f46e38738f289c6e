"""Two Conditions built on one Lock: holding one holds the other."""
import asyncio


async def main():
    lock = asyncio.Lock()
    not_empty = asyncio.Condition(lock)
    not_full = asyncio.Condition(lock)
    async with not_empty:
        print(lock.locked(), not_full.locked())
        not_full.notify()
    print(lock.locked(), not_full.locked())
