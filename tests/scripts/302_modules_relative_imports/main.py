"""A package with relative imports (`from .orders import ...`,
`from . import inventory`, `from . import x as y`), its __init__ running
first, orders placed by concurrent tasks, and the errors of relative imports:
beyond the top-level package (inside the package) and in the entry script,
which is not in a package."""
import asyncio
import shop
from shop import place_order, inventory
from shop.orders import climb_out


async def main():
    results = await asyncio.gather(
        place_order("ann", "apple"),
        place_order("bob", "pear"),
        place_order("cid", "pear"),
        return_exceptions=True,
    )
    for r in results:
        print(type(r).__name__, r)
    print(inventory.stock, shop.inventory is inventory, shop.__all__)
    try:
        climb_out()
    except ImportError as e:
        print("ImportError:", e)
    try:
        from . import shop as again
    except ImportError as e:
        print("ImportError:", e)
