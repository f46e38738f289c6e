"""print(file=obj) calls obj.write with each piece, as CPython does."""
import asyncio


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


async def report(out, n):
    await asyncio.sleep(n / 10)
    print('task', n, 'ok', sep='|', end=';', file=out)


async def main():
    out = Capture()
    await asyncio.gather(report(out, 2), report(out, 1))
    print(out.parts)
    print(''.join(out.parts))
    print(file=out)
    print(out.parts[-1] == '\n')
