"""enum.Enum: members, auto(), .name/.value, repr/str, iteration, lookup by value and name, identity."""
import asyncio
from enum import Enum, auto


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


class State(Enum):
    PENDING = auto()
    RUNNING = auto()
    DONE = auto()

    def is_final(self):
        return self is State.DONE

    @property
    def label(self):
        return self.name.lower()


async def main():
    print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value)
    print(list(Color), len(Color), [c.name for c in Color])
    print(Color(2), Color["BLUE"], Color.CRIMSON is Color.RED, Color.CRIMSON)
    print(Color.RED == Color.RED, Color.RED == 1, Color.RED is Color(1), Color.RED in Color)
    print(list(Color.__members__), type(Color.RED).__name__, isinstance(Color.RED, Color))
    print([s.value for s in State], State.DONE.is_final(), State.RUNNING.is_final(), State.PENDING.label)
    print(f"{State.RUNNING} / {State.RUNNING!r}", {State.DONE: "finished"}[State.DONE])
    try:
        Color(7)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Color["PINK"]
    except KeyError as e:
        print("KeyError:", e)
    try:
        Color.RED < Color.BLUE
    except TypeError as e:
        print("TypeError:", e)
    state = State.PENDING
    for next_state in (State.RUNNING, State.DONE):
        await asyncio.sleep(0.5)
        print(f"{state.name} -> {next_state.name}")
        state = next_state
    print(Color)
