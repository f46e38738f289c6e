"""Ordering dunders: __lt__/__le__/__gt__/__ge__, reflected fallback, NotImplemented, sorted/min/max."""
import asyncio


class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        if not isinstance(other, Job):
            return NotImplemented
        return self.priority < other.priority

    def __le__(self, other):
        return self.priority <= other.priority

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"


class NoOrder:
    pass


async def main():
    jobs = [Job(3, "c"), Job(1, "a"), Job(2, "b"), Job(1, "a2")]
    print(sorted(jobs))
    print(sorted(jobs, reverse=True))
    print(min(jobs), max(jobs))
    a, b = Job(1, "x"), Job(2, "y")
    print(a < b, b > a, a <= b, b >= a, a > b)
    try:
        a < 5
    except TypeError as e:
        print("TypeError:", e)
    try:
        NoOrder() < NoOrder()
    except TypeError as e:
        print("TypeError:", e)
    try:
        sorted([NoOrder(), NoOrder()])
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(1)
    jobs.sort(key=lambda j: j.name)
    print(jobs)
