"""A realistic typed helper module style: TypeVar, Callable[..., Awaitable[T]],
Optional results, Dict/List annotations on a retry helper and a small
cache; the types are documentation only and never checked."""
import asyncio
from typing import Awaitable, Callable, Dict, List, Optional, TypeVar

T = TypeVar("T")


class Unreachable(Exception):
    pass


Fetcher = Callable[[str], Awaitable[Optional[str]]]

cache: Dict[str, str] = {}
attempts: List[str] = []


async def retry(make: Callable[[], Awaitable[T]], times: int = 3, pause: float = 0.5) -> T:
    last: Optional[BaseException] = None
    for i in range(times):
        try:
            return await make()
        except Unreachable as e:
            last = e
            print(f"attempt {i + 1} failed: {e}")
            await asyncio.sleep(pause)
    raise RuntimeError(f"gave up after {times} attempts") from last


async def flaky_fetch(key: str) -> Optional[str]:
    attempts.append(key)
    await asyncio.sleep(0.1)
    if len(attempts) < 3:
        raise Unreachable(f"no route to {key}")
    return key.upper()


async def cached(fetch: Fetcher, key: str) -> Optional[str]:
    if key in cache:
        return cache[key]
    value = await retry(lambda: fetch(key))
    if value is not None:
        cache[key] = value
    return value


async def main():
    print(Fetcher)
    print(await cached(flaky_fetch, "alpha"), await cached(flaky_fetch, "alpha"), attempts)
    attempts.clear()
    try:
        await retry(lambda: flaky_fetch("beta"), times=2)
    except RuntimeError as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)
