"""enum.IntEnum priorities compare as ints; an Enum drives a small task state machine."""
import asyncio
from enum import Enum, IntEnum, auto


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 5
    HIGH = 10


class Phase(Enum):
    QUEUED = auto()
    ACTIVE = auto()
    FINISHED = auto()


PHASES = {}


async def job(name, prio):
    PHASES[name] = Phase.ACTIVE
    await asyncio.sleep(1 / prio)
    PHASES[name] = Phase.FINISHED
    return f"{name}:{prio.name}"


async def main():
    print(Priority.HIGH > Priority.LOW, Priority.MEDIUM == 5, Priority.LOW + 1, Priority.HIGH * 2)
    print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]), Priority(5), str(Priority.LOW), repr(Priority.LOW))
    print(int(Priority.MEDIUM), Priority.LOW < 3, {1: "one"}[Priority.LOW], f"{Priority.HIGH}")
    jobs = {"a": Priority.LOW, "b": Priority.HIGH, "c": Priority.MEDIUM}
    for n in jobs:
        PHASES[n] = Phase.QUEUED
    order = sorted(jobs, key=lambda n: jobs[n], reverse=True)
    tasks = [asyncio.create_task(job(n, jobs[n])) for n in order]
    await asyncio.sleep(0.5)
    print({n: p.name for n, p in PHASES.items()})
    print(await asyncio.gather(*tasks))
    print(all(p is Phase.FINISHED for p in PHASES.values()))
