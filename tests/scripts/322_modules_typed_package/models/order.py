from __future__ import annotations

from typing import Dict, List, Optional, Tuple

Order = Tuple[str, int]
prices: Dict[str, float] = {"tea": 2.5, "cake": 4.0}


def make_order(item: str, qty: int = 1) -> Order:
    return (item, qty)


def total_of(orders: List[Order], discount: Optional[float] = None) -> float:
    t = sum(prices[item] * qty for item, qty in orders)
    return t * (1 - discount) if discount else t


def later_defined() -> NotYetDefined:  # fine: annotations are not evaluated here
    return None
