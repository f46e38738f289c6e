"""@dataclass: generated __init__/__repr__/__eq__, defaults, field(default_factory=...), __post_init__."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class Order:
    id: int
    item: str
    quantity: int = 1
    tags: list = field(default_factory=list)

    def total(self, price):
        return self.quantity * price


@dataclass
class Point:
    x: float
    y: float = 0.0

    def __post_init__(self):
        print(f"created {self!r}")


@dataclass
class Shipment:
    order: Order
    carrier: str = "ups"
    note: str = field(default="", repr=False)


async def main():
    o = Order(1, "book")
    o2 = Order(2, "pen", quantity=3, tags=["office"])
    print(o, o2)
    print(o.total(10), o2.total(1.5), o.tags is not Order(3, "x").tags)
    print(o == Order(1, "book"), o == o2, o != Order(1, "book"), o == "x")
    o.tags.append("gift")
    print(o, Order.quantity)
    p = Point(1.5)
    print(p.x, p.y, Point(2, 3))
    s = Shipment(o2, note="fragile")
    print(s, s.note)
    await asyncio.sleep(0.5)
    try:
        Order()
    except TypeError as e:
        print("TypeError:", e)
    try:
        Order(1, "a", 2, [], 5)
    except TypeError as e:
        print("TypeError:", e)
    try:
        Order(1, "a", colour="red")
    except TypeError as e:
        print("TypeError:", e)
    try:
        hash(o)
    except TypeError as e:
        print("TypeError:", e)
