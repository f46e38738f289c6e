"""asyncio.wait on tasks of a TaskGroup: wait for the first inside the group, the group waits for the rest."""
import asyncio


async def step(name, delay):
    await asyncio.sleep(delay)
    print(name, 'finished at', asyncio.get_running_loop().time())
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(step(n, d), name=n) for n, d in [('x', 2), ('y', 1), ('z', 3)]]
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        print('first:', [t.get_name() for t in done], 'left:', len(pending))
    print('group done', [t.result() for t in tasks])
