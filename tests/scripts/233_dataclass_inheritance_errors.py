"""Dataclass inheritance (base fields first), mutable-default and field-order errors, asdict of nested ones."""
import asyncio
from dataclasses import dataclass, field, asdict


@dataclass
class Base:
    id: int
    created: float = 0.0


@dataclass
class User(Base):
    name: str = "anon"
    roles: list = field(default_factory=lambda: ["viewer"])


@dataclass
class Team:
    title: str
    members: list = field(default_factory=list)


async def main():
    u = User(7, name="kim")
    print(u, User(1, 2.5, "lee", ["admin"]))
    t = Team("core", [u, User(8)])
    print(asdict(t))
    try:
        @dataclass
        class Bad:
            items: list = []
    except ValueError as e:
        print("ValueError:", e)
    try:
        @dataclass
        class Order:
            a: int = 1
            b: int
    except TypeError as e:
        print("TypeError:", e)
    try:
        asdict(5)
    except TypeError as e:
        print("TypeError:", e)
    await asyncio.sleep(0.5)
    print(isinstance(u, Base), User.__mro__[1].__name__)
