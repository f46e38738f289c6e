"""Running statistics, kept with collections."""
import sys
from collections import Counter, defaultdict, deque


class Stats:
    def __init__(self, window=3):
        self.items = Counter()
        self.by_customer = defaultdict(list)
        self.recent = deque(maxlen=window)

    def record(self, order, worker):
        self.items.update(order.items)
        self.by_customer[order.customer].append(order.id)
        self.recent.append((worker, order.id))
        if len(order.items) > 3:
            print(f'large order {order.id}', file=sys.stderr)

    def report(self):
        return {
            'top': self.items.most_common(2),
            'customers': dict(self.by_customer.items()),
            'recent': list(self.recent),
        }
