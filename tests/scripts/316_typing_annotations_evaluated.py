"""Annotations are evaluated where CPython 3.13 evaluates them: a module
level `x: T = v` assigns first, then evaluates T (a NameError there leaves x
bound); `x: T` alone evaluates T; a def evaluates its parameter and return
annotations when it runs (NameError: the function is not bound); a local
`x: T` inside a function is never evaluated."""
import asyncio
from typing import Optional

try:
    counter: NotDefinedAnywhere = 5
except NameError as e:
    print("module annotation:", e, "- counter =", counter)

try:
    pending: AlsoMissing
except NameError as e:
    print("bare annotation:", e)

try:
    def handler(x: Missing) -> int:
        return x
except NameError as e:
    print("parameter annotation:", e)

try:
    handler
except NameError as e:
    print("not bound:", e)

try:
    def converter(x: int) -> MissingReturn:
        return x
except NameError as e:
    print("return annotation:", e)

limit: int = 3
name: str
flag: Optional[bool] = None


async def work(n: int, label: "a string annotation" = "w") -> Optional[int]:
    total: UndefinedButNeverEvaluated = 0
    later: AlsoNeverEvaluated
    for i in range(n):
        total += i
    return total


async def main():
    print(await work(limit), flag)
    try:
        print(name)
    except NameError as e:
        print("annotated only:", e)
