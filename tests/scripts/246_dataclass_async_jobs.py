"""Dataclasses as job specs run in a TaskGroup; a dataclass with async methods and a computed property."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    duration: float
    retries: int = 0
    log: list = field(default_factory=list, repr=False)

    @property
    def label(self):
        return f"{self.name}({self.duration}s)"

    async def run(self):
        self.log.append("start")
        await asyncio.sleep(self.duration)
        self.log.append("end")
        return self.label


@dataclass(frozen=True)
class Result:
    job: str
    ok: bool


async def main():
    jobs = [Job("fetch", 1.0), Job("parse", 0.5, retries=2), Job("store", 1.5)]
    print(jobs)
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(j.run()) for j in jobs]
    results = [Result(t.result(), True) for t in tasks]
    print(results)
    print([j.log for j in jobs], Result("a", True) == Result("a", True))
