"""gather and a failing child: with return_exceptions=True the exception is
one of the results; without it, the gather fails as soon as the child does,
while the other children run on."""
import asyncio


async def delay(delay_seconds):
    print(f'sleeping for {delay_seconds} second(s)')
    await asyncio.sleep(delay_seconds)
    print(f'finished sleeping for {delay_seconds} second(s)')
    return delay_seconds


async def fail(after):
    await asyncio.sleep(after)
    raise ValueError(f'failed after {after} s')


async def main():
    results = await asyncio.gather(delay(1), fail(2), delay(3), return_exceptions=True)
    print(f'return_exceptions=True: {results!r}')
    try:
        await asyncio.gather(delay(1), fail(2), delay(3))
    except ValueError as e:
        print(f'without it: ValueError({e}) at 2 s; the other children run on')
    await asyncio.sleep(2)
