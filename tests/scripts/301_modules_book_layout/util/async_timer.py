import time
from typing import Callable, Any, Awaitable

_started = {}


def start(label: str) -> None:
    _started[label] = time.time()


def elapsed(label: str) -> float:
    return time.time() - _started[label]


async def timed(label: str, coro: Awaitable[Any]) -> Any:
    start(label)
    print(f'starting {label}')
    result = await coro
    print(f'finished {label} in {elapsed(label):.4f} second(s)')
    return result


Runner = Callable[..., Awaitable[Any]]
