"""What typing and built-in types refuse, with CPython's TypeErrors:
subscripting a non-generic type, Optional with two arguments, subscripting
an already subscripted generic, `|` with a non-type, calling a special form."""
import asyncio
from typing import List, Optional, Any


def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)


async def main():
    attempt("int[str]", lambda: int[str])
    attempt("Optional[int, str]", lambda: Optional[int, str])
    attempt("List[int][str]", lambda: List[int][str])
    attempt("3 | int", lambda: 3 | int)
    attempt("int | 3", lambda: int | 3)
    attempt("None | None", lambda: None | None)
    attempt("Any()", lambda: Any())
    attempt("Optional()", lambda: Optional())
    attempt("ValueError[int]", lambda: ValueError[int])
    await asyncio.sleep(0)
