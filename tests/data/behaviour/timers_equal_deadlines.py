"""Timers with equal deadlines fire in the order they were scheduled, which
is not always the order the tasks were created: 'early' (created second)
schedules its 2.0 deadline at 0.0, 'late' (created first) at 0.5. main's own
sleep(3) is scheduled before the three 3.0 sleepers even start."""
import asyncio


async def late():
    await asyncio.sleep(0.5)
    await asyncio.sleep(1.5)  # deadline 2.0, scheduled at 0.5
    print('late woke')
    return 'late'


async def early():
    await asyncio.sleep(2)  # deadline 2.0, scheduled at 0.0
    print('early woke')
    return 'early'


async def same(name):
    await asyncio.sleep(3)
    print(f'{name} woke')
    return name


async def main():
    a = asyncio.create_task(late(), name='late')
    b = asyncio.create_task(early(), name='early')
    trio = [asyncio.create_task(same(n), name=n) for n in ('first', 'second', 'third')]
    await asyncio.sleep(3)
    print('main woke')
    for t in [a, b, *trio]:
        print(await t)
