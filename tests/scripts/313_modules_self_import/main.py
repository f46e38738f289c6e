"""A module that imports itself, and an entry script imported by its own
file name (`import main`): CPython runs main.py a second time as module
`main`, whose own `import main` gets the partial module; nothing loops."""
import asyncio
import selfish
import main as again

print("main.py top level; selfish.value =", selfish.value)


async def main():
    print(again.__name__, again is not None, selfish.selfish is selfish)
    await asyncio.sleep(0)
