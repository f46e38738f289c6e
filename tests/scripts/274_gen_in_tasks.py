"""Generators shared by tasks: two tasks pull from one generator between sleeps; each pull runs the generator inside the pulling task."""
import asyncio


def jobs():
    for i in range(6):
        print("handing out job", i)
        yield i
    print("no more jobs")


async def worker(name, source, delay):
    for job in source:
        print(name, "starts job", job)
        await asyncio.sleep(delay)
        print(name, "finished job", job)
    return name


async def main():
    source = jobs()
    a = asyncio.create_task(worker("fast", source, 1))
    b = asyncio.create_task(worker("slow", source, 2.5))
    print(await asyncio.gather(a, b))
    print(next(source, "exhausted"))
