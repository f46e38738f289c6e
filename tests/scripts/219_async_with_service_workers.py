"""A class-based service used with async with: __aenter__ starts worker tasks, __aexit__ stops them."""
import asyncio


class WorkerPool:
    def __init__(self, size):
        self.size = size
        self.tasks = []
        self.processed = []

    async def _worker(self, n):
        try:
            while True:
                await asyncio.sleep(1 + n * 0.5)
                self.processed.append(n)
                print(f"worker {n} processed an item")
        except asyncio.CancelledError:
            print(f"worker {n} stopping")
            raise

    async def __aenter__(self):
        for n in range(self.size):
            self.tasks.append(asyncio.create_task(self._worker(n), name=f"worker-{n}"))
        await asyncio.sleep(0)
        print("pool started", [t.get_name() for t in self.tasks])
        return self

    async def __aexit__(self, et, ev, tb):
        for t in self.tasks:
            t.cancel()
        results = await asyncio.gather(*self.tasks, return_exceptions=True)
        print("pool stopped", [type(r).__name__ for r in results])
        return False


async def main():
    async with WorkerPool(2) as pool:
        await asyncio.sleep(3.2)
        print("main saw", sorted(pool.processed))
    print("all done", len(pool.tasks), all(t.done() for t in pool.tasks))
