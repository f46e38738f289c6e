"""print(file=sys.stderr) is recorded as stderr (CPython's trace keeps only stdout prints); sys.version_info checks."""
import asyncio
import sys

if sys.version_info < (3, 11):
    print('needs Python 3.11', file=sys.stderr)


async def worker(n):
    await asyncio.sleep(n)
    if n == 2:
        print(f'worker {n}: slow response', file=sys.stderr)
        sys.stderr.write('warning written directly\n')
    print(f'worker {n} done', file=sys.stdout)
    return n


async def main():
    print(sys.version_info >= (3, 11), sys.version_info[:2], sys.platform, type(sys.argv).__name__)
    print(await asyncio.gather(worker(1), worker(2)))
    sys.stderr.flush()
    print('main done')
