"""Process items with a timeout on each; slow items are skipped and counted, results summarised with f-string formats."""
import asyncio


async def handle(item):
    await asyncio.sleep(item['cost'])
    return item['name'] + '!'


async def main():
    items = [{'name': 'a', 'cost': 0.2}, {'name': 'b', 'cost': 1.5}, {'name': 'c', 'cost': 0.7}, {'name': 'd', 'cost': 2}]
    done, skipped = [], 0
    for item in items:
        try:
            done.append(await asyncio.wait_for(handle(item), timeout=1))
        except TimeoutError:
            skipped += 1
            print(f'skipped {item["name"]!r} (cost {item["cost"]:.1f})')
    ratio = len(done) / len(items)
    print(f'done={done} skipped={skipped} ratio={ratio:.2f}')
