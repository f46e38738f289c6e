"""Typical TaskGroup fan-out: one task per item, results collected into a dict after the block."""
import asyncio


async def price(item, delay):
    await asyncio.sleep(delay)
    return len(item) * 1.25


async def main():
    items = ['apple', 'kiwi', 'fig']
    async with asyncio.TaskGroup() as tg:
        tasks = {item: tg.create_task(price(item, i * 0.5)) for i, item in enumerate(items)}
    prices = {item: t.result() for item, t in tasks.items()}
    print(prices)
    print(f'total {sum(prices.values()):.2f}')
