"""Two tasks finishing in the same loop turn: FIRST_COMPLETED's done set has both."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'finishing')
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [('p', 1), ('q', 1), ('r', 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
    await asyncio.wait(pending)
