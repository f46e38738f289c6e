from .order import Order, make_order, total_of
from .queueing import drain
