"""Blocking work (time.sleep) in tasks runs one task after the other; main's
1 s timer falls due during the third block and main wakes only after it,
at 1.5."""
import asyncio
import time


async def worker(name):
    print(f'{name} starts at {time.monotonic()!r}')
    time.sleep(0.5)
    print(f'{name} ends at {time.monotonic()!r}')
    return name


async def main():
    tasks = [asyncio.create_task(worker(n), name=n) for n in ('A', 'B', 'C')]
    await asyncio.sleep(1)
    print(f'main woke at {time.monotonic()!r}')
    results = []
    for t in tasks:
        results.append(await t)
    print(repr(results))
