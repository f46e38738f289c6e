"""gather: three coroutines run as tasks at once; the results come back in
argument order, after the slowest (3 s)."""
import asyncio


async def delay(delay_seconds):
    print(f'sleeping for {delay_seconds} second(s)')
    await asyncio.sleep(delay_seconds)
    print(f'finished sleeping for {delay_seconds} second(s)')
    return delay_seconds


async def main():
    results = await asyncio.gather(delay(3), delay(1), delay(2))
    print(f'gather returned {results} after 3 s, in argument order')
