"""A shop: orders and inventory."""
from .orders import place_order
from . import inventory

__all__ = ["place_order", "inventory"]
print("shop package:", __name__)
