"""Without functools.wraps the wrapper's own __qualname__ names the coroutine; with wraps, the wrapped one's."""
import asyncio
import functools


def plain(func):
    async def wrapper(*args):
        return await func(*args)
    return wrapper


def wrapped(func):
    @functools.wraps(func)
    async def wrapper(*args):
        return await func(*args)
    return wrapper


def renamed(func):
    async def wrapper(*args):
        return await func(*args)
    wrapper.__qualname__ = "custom.name"
    wrapper.__name__ = "name"
    return wrapper


@plain
async def job_a():
    await asyncio.sleep(1)
    return "a"


@wrapped
async def job_b():
    await asyncio.sleep(1)
    return "b"


@renamed
async def job_c():
    await asyncio.sleep(1)
    return "c"


async def main():
    ta = asyncio.create_task(job_a())
    tb = asyncio.create_task(job_b())
    tc = asyncio.create_task(job_c())
    print(await ta, await tb, await tc)
    print(job_a.__qualname__, job_b.__qualname__, job_c.__qualname__)
    print(job_a.__name__, job_b.__name__, job_c.__name__)
