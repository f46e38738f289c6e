"""sleep(0) hands the loop to the other ready tasks: three tasks interleave round-robin at t=0."""
import asyncio


async def spin(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return name * n


async def main():
    tasks = [asyncio.create_task(spin(c, 3), name=c) for c in ['A', 'B', 'C']]
    await asyncio.sleep(0)
    print('main after one sleep(0)')
    results = []
    for t in tasks:
        results.append(await t)
    print(results)
