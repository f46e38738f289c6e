"""A failing task's exception is raised by the await that gets it; the loop can go on."""
import asyncio


async def work(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError(f'bad input {n}')
    return n * n


async def main():
    tasks = [asyncio.create_task(work(n), name=f'w{n}') for n in (3, 2, 1)]
    for aw in asyncio.as_completed(tasks):
        try:
            print('result', await aw)
        except ValueError as e:
            print('error', e)
