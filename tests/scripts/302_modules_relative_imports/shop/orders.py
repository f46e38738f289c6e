import asyncio
from .inventory import take
from . import inventory as inv


async def place_order(customer: str, item: str) -> str:
    await asyncio.sleep(0.1)
    if take(item):
        return f"{customer}: {item} shipped ({inv.stock[item]} left)"
    raise LookupError(f"{customer}: {item} sold out")


def climb_out():
    from .. import outside  # beyond the top-level package: Python's ImportError
    return outside
