"""Draining a set of tasks with repeated wait(FIRST_COMPLETED), as servers do."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    pending = [asyncio.create_task(job(n, d), name=n) for n, d in [('a', 2), ('b', 1), ('c', 2), ('d', 3)]]
    rounds = 0
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        rounds += 1
        print(asyncio.get_running_loop().time(), sorted(t.result() for t in done))
    print('rounds', rounds)
