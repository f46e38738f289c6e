from dataclasses import dataclass, field
from enum import Enum
from typing import List


class Status(Enum):
    WAITING = 'waiting'
    SERVED = 'served'
    LEFT = 'left'


@dataclass
class Product:
    name: str
    checkout_time: float


@dataclass
class Customer:
    customer_id: int
    products: List[Product] = field(default_factory=list)
    status: Status = Status.WAITING

    def total_time(self) -> float:
        return sum(p.checkout_time for p in self.products)
