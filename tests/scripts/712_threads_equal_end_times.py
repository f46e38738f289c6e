"""Three tasks whose jobs all end at 1 s: they resume in the order their jobs were submitted."""
import asyncio
import time


def work(name):
    time.sleep(1)
    return name


async def run(name):
    r = await asyncio.to_thread(work, name)
    print('finished', r)


async def main():
    await asyncio.gather(run('c'), run('a'), run('b'))
