"""Each module has its own globals: a function keeps its module's globals
wherever it is called from, the same names in the entry script are other
variables, and `global` in a module's function changes that module's."""
import asyncio
import counter
from counter import increment, whose_name

count = 0
name = "entry script"


def bump_here() -> int:
    global count
    count += 1
    return count


async def main():
    print(increment(), increment(), bump_here(), count, counter.count)
    print(whose_name(), name)
    counter.name = "renamed"
    print(whose_name(), name)
    await asyncio.sleep(0)
