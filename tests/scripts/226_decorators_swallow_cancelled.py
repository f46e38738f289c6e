"""A decorator that swallows CancelledError: the task finishes normally instead of being cancelled."""
import asyncio
import functools


def swallow_cancel(default):
    def deco(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            try:
                return await func(*args, **kwargs)
            except asyncio.CancelledError:
                print(f"{func.__name__} was cancelled; returning {default!r}")
                return default
        return wrapper
    return deco


def retry(times):
    def deco(func):
        @functools.wraps(func)
        async def wrapper(*args):
            for attempt in range(1, times + 1):
                try:
                    return await func(*args)
                except ValueError as e:
                    print(f"attempt {attempt} failed: {e}")
                    await asyncio.sleep(0.1)
            raise RuntimeError(f"{func.__name__} failed {times} times")
        return wrapper
    return deco


@swallow_cancel("partial")
async def long_job():
    await asyncio.sleep(10)
    return "complete"


ATTEMPTS = []


@retry(3)
async def flaky(n):
    ATTEMPTS.append(n)
    await asyncio.sleep(0.2)
    if len(ATTEMPTS) < n:
        raise ValueError(f"try {len(ATTEMPTS)}")
    return "ok"


async def main():
    t = asyncio.create_task(long_job())
    await asyncio.sleep(1)
    t.cancel()
    print(await t, t.cancelled(), t.cancelling())
    print(await flaky(2))
    ATTEMPTS.clear()
    try:
        await flaky(5)
    except RuntimeError as e:
        print("RuntimeError:", e)
