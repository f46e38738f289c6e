"""A closure that rebinds a variable of its enclosing function with nonlocal, shared by several tasks."""
import asyncio


async def main():
    total = 0

    async def add(n):
        nonlocal total
        await asyncio.sleep(n)
        total += n
        print('added', n, 'total now', total)

    await asyncio.gather(add(2), add(1), add(3))
    print('final total', total)
