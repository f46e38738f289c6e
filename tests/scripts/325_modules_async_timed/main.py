"""The book's util package: `@async_timed()` around coroutines defined in
the listing, `delay` from the package, tasks awaited concurrently."""
import asyncio
from util import async_timed, delay


@async_timed()
async def delay_twice(seconds: int) -> int:
    await delay(seconds)
    return await delay(seconds)


@async_timed()
async def main():
    task_one = asyncio.create_task(delay_twice(2))
    task_two = asyncio.create_task(delay(3))
    await task_one
    await task_two
