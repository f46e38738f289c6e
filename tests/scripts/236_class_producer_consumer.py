"""A class-based pipeline: bound-method coroutines as tasks, shared instance state, names in the trace."""
import asyncio


class Pipeline:
    def __init__(self, items):
        self.pending = list(items)
        self.done = []
        self.stats = {"produced": 0, "consumed": 0}

    async def produce(self):
        while self.pending:
            item = self.pending.pop(0)
            await asyncio.sleep(0.3)
            self.stats["produced"] += 1
            self.done.append(("raw", item))

    async def consume(self, name):
        for _ in range(6):
            await asyncio.sleep(0.5)
            ready = [d for d in self.done if d[0] == "raw"]
            if ready:
                self.done.remove(ready[0])
                self.done.append((name, ready[0][1] * 10))
                self.stats["consumed"] += 1

    async def run(self):
        producer = asyncio.create_task(self.produce())
        consumers = [asyncio.create_task(self.consume(f"c{i}")) for i in range(2)]
        await producer
        await asyncio.gather(*consumers)
        return self.stats


async def main():
    p = Pipeline([1, 2, 3, 4])
    stats = await p.run()
    print(stats, sorted(p.done))
    run = p.run
    print(run.__self__ is p, run.__func__ is Pipeline.run, run.__name__)
