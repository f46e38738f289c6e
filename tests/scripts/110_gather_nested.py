"""gather of gathers: results nest, timing is the longest path."""
import asyncio
import time


async def step(name, n):
    await asyncio.sleep(n)
    return name


async def stage(prefix, a, b):
    return await asyncio.gather(step(prefix + '1', a), step(prefix + '2', b))


async def main():
    r = await asyncio.gather(stage('x', 1, 2), stage('y', 0.5, 0.25), step('z', 1.5))
    print(r, time.monotonic())
