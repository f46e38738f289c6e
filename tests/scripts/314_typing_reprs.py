"""typing's objects print as CPython prints them: special forms,
subscripted generics (nested, Callable with `...` and with a parameter
list), Optional and Union (flattened, deduplicated, Optional for X|None),
TypeVar, built-in generics (`list[int]`) and `X | Y` unions."""
import asyncio
import typing
from typing import Any, Awaitable, Callable, Coroutine, Dict, List, Optional, Tuple, TypeVar, Union

T = TypeVar("T")


async def main():
    print(typing.Any, Optional, Callable, List, T, TypeVar)
    print(Optional[int], Union[int, None], Union[int, str], Union[str, int, str])
    print(Optional[Union[int, str]], Union[int, Union[str, float]], Union[int])
    print(Callable[..., Any], Callable[[int, str], None], Callable[[], None])
    print(List[Callable[..., Awaitable[T]]], Coroutine[Any, Any, int])
    print(Dict[str, int], Tuple[int, ...], List[None], Optional[List[int]])
    print(list[int], dict[str, list[int]], tuple[int, ...])
    print(int | None, int | str | None, None | int, List[int] | None, int | List[int])
    print(Optional[int] == Union[int, None], List[int] == List[int], list[int] == list[int])
    print(T.__class__ if False else "ok", typing.TYPE_CHECKING, typing.cast(int, "not checked"))
    await asyncio.sleep(0)
