"""`...` is a value (Ellipsis) and a body; `if TYPE_CHECKING:` imports
(even of modules taskline does not provide) never run; typing.cast returns
its value unchanged."""
import asyncio
import typing
from typing import TYPE_CHECKING, Tuple, cast

if TYPE_CHECKING:
    import socket
    from collections.abc import Iterable

if typing.TYPE_CHECKING:
    import os


def stub() -> None: ...


async def later() -> int:
    ...
    return 1


async def main():
    print(..., repr(...), ... == ..., Tuple[int, ...], stub())
    print(await later(), cast(str, 42), cast("list[int]", [1]), TYPE_CHECKING)
