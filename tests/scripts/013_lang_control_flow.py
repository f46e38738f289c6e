"""if / elif / else, while with break and continue, for with break/continue and else, early return."""
import asyncio


def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n % 2 == 0:
        return 'even'
    else:
        return 'odd'


async def main():
    print([classify(n) for n in [-2, 0, 3, 8]])
    i = 0
    total = 0
    while True:
        i += 1
        if i % 3 == 0:
            continue
        if i > 10:
            break
        total += i
        await asyncio.sleep(0.1)
    print('total', total, 'i', i)
    for x in range(5):
        if x == 7:
            break
    else:
        print('loop finished without break')
    for x in range(5):
        if x == 2:
            print('break at', x)
            break
    else:
        print('not printed')
    n = 10
    while n > 0:
        n -= 3
    else:
        print('while else, n =', n)
