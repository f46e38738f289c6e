"""Tasks report into a defaultdict(list) keyed by status; a defaultdict(int) counts attempts."""
import asyncio
from collections import defaultdict

results = defaultdict(list)
attempts = defaultdict(int)


async def fetch(url, fail_times):
    while True:
        attempts[url] += 1
        await asyncio.sleep(0.5)
        if attempts[url] > fail_times:
            results['ok'].append(url)
            return
        results['retry'].append(url)


async def main():
    await asyncio.gather(fetch('a.com', 0), fetch('b.com', 2), fetch('c.com', 1))
    print(results)
    print(dict(attempts.items()), sorted(attempts), len(results), 'ok' in results, 'gone' in results)
    print(results['missing'], len(results), attempts.get('zzz'))
    plain = defaultdict()
    try:
        plain['k']
    except KeyError as e:
        print('KeyError', e)
