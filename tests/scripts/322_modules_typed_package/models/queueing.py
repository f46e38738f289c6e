import asyncio
from typing import Awaitable, Callable, List

from .order import Order


async def drain(orders: List[Order], serve: Callable[[Order], Awaitable[str]]) -> List[str]:
    served = []
    for o in orders:
        served.append(await serve(o))
    return served
