"""A user iterator yielding delays drives an awaiting for loop (a rate limiter)."""
import asyncio


class Backoff:
    def __init__(self, base, factor, limit):
        self.delay = base
        self.factor = factor
        self.limit = limit
        self.attempts = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.attempts >= self.limit:
            raise StopIteration
        self.attempts += 1
        current = self.delay
        self.delay *= self.factor
        return current


async def connect(attempt):
    await asyncio.sleep(0.1)
    return attempt >= 3


async def main():
    policy = Backoff(0.5, 2, 5)
    for delay in policy:
        ok = await connect(policy.attempts)
        print(f"attempt {policy.attempts}: {'ok' if ok else 'failed'}")
        if ok:
            break
        await asyncio.sleep(delay)
    print("attempts used", policy.attempts, "next delay", policy.delay)
    print(list(Backoff(1, 3, 4)))
