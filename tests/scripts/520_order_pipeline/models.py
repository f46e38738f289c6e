"""Order records for the pipeline."""
from collections import namedtuple
from itertools import count

Order = namedtuple('Order', 'id customer items')
_ids = count(100)


def new_order(customer, items):
    return Order(next(_ids), customer, items)
