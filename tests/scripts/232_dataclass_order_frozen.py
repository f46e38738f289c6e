"""@dataclass(order=True, frozen=True): sorting by fields, FrozenInstanceError, hashable instances as keys."""
import asyncio
import dataclasses
from dataclasses import dataclass, FrozenInstanceError


@dataclass(order=True)
class Task:
    priority: int
    name: str = dataclasses.field(compare=False)


@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0


async def main():
    tasks = [Task(3, "deploy"), Task(1, "build"), Task(2, "test"), Task(1, "lint")]
    print(sorted(tasks))
    print(min(tasks), max(tasks), Task(1, "a") == Task(1, "b"), Task(1, "a") < Task(2, "a"))
    c = Coord(52.5, 13.4)
    try:
        c.lat = 0
    except FrozenInstanceError as e:
        print("FrozenInstanceError:", e)
    try:
        del c.lon
    except AttributeError as e:
        print(type(e).__name__, e)
    seen = {c: "berlin", Coord(48.9, 2.35): "paris"}
    print(seen[Coord(52.5, 13.4)], len({c, Coord(52.5, 13.4)}))
    vs = [Version(1, 2), Version(1), Version(0, 9)]
    print(sorted(vs), Version(1, 0) <= Version(1), Version(2) > Version(1, 9))
    try:
        Version(1) < Coord(0, 0)
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(1)
    print(dataclasses.asdict(Version(3, 1)), [f.name for f in dataclasses.fields(Task)])
