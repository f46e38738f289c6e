"""Children add more tasks to the same TaskGroup while it is running; the group waits for all of them."""
import asyncio


async def spawner(tg, depth):
    await asyncio.sleep(1)
    print('depth', depth)
    if depth < 3:
        tg.create_task(spawner(tg, depth + 1), name=f'depth{depth + 1}')
    return depth


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg, 1), name='depth1')
    print('group finished')
