"""LifoQueue returns the most recently added item first."""
import asyncio


async def main():
    stack = asyncio.LifoQueue(maxsize=3)
    for page in ['home', 'about', 'contact']:
        stack.put_nowait(page)
    print(stack, stack.full())
    while not stack.empty():
        print('back to', await stack.get())
