"""Classes and instances: __init__, instance and class attributes, methods, bound methods, __dict__."""
import asyncio


class Counter:
    """Counts things."""
    instances = 0

    def __init__(self, name, start=0):
        self.name = name
        self.value = start
        Counter.instances += 1

    def increment(self, by=1):
        self.value += by
        return self.value

    def reset(self):
        self.value = 0


async def main():
    c = Counter("clicks")
    d = Counter("views", start=10)
    print(c.name, c.value, d.name, d.value, Counter.instances, c.instances)
    print(c.increment(), c.increment(5), d.increment())
    inc = c.increment
    print(inc(), inc(2), c.value)
    print(c.__dict__, d.__dict__)
    c.extra = "yes"
    print(sorted(c.__dict__), hasattr(c, "extra"), hasattr(d, "extra"))
    print(getattr(d, "value"), getattr(d, "missing", "default"))
    setattr(d, "value", 99)
    print(d.value)
    delattr(c, "extra")
    print(hasattr(c, "extra"))
    try:
        c.nope
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        Counter()
    except TypeError as e:
        print("TypeError:", e)
    try:
        c.increment(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    c.reset()
    await asyncio.sleep(0.1)
    print(c.value, type(c).__name__, c.__class__.__name__, Counter.__name__, Counter.__qualname__)
    print(type(c) is Counter, isinstance(c, Counter), isinstance(5, Counter))
