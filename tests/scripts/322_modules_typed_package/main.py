"""A typed package: `from __future__ import annotations` in one module
(its undefined return annotation is never evaluated), typing aliases shared
across modules by relative import, and the types printed from the entry."""
import asyncio
from models import Order, drain, make_order, total_of
import models.order


async def serve(order: Order) -> str:
    item, qty = order
    await asyncio.sleep(qty * 0.5)
    return f"{qty} x {item}"


async def main():
    orders = [make_order("tea", 2), make_order("cake")]
    print(Order, models.order.later_defined())
    print(await drain(orders, serve))
    print(total_of(orders), total_of(orders, 0.5))
