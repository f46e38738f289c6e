"""Retries with a per-attempt timeout: each attempt gets slower-to-fail, the third one succeeds within its timeout."""
import asyncio
import time


async def flaky(attempt):
    durations = [3, 2, 0.5]
    print(f'attempt {attempt} takes {durations[attempt]}s')
    await asyncio.sleep(durations[attempt])
    return f'ok on attempt {attempt}'


async def with_retries(retries, timeout):
    for attempt in range(retries):
        try:
            return await asyncio.wait_for(flaky(attempt), timeout=timeout)
        except TimeoutError:
            print(f'attempt {attempt} timed out at {time.monotonic():.1f}')
            await asyncio.sleep(0.25)
    raise RuntimeError('all retries failed')


async def main():
    print(await with_retries(3, 1))
    try:
        await with_retries(1, 1)
    except RuntimeError as e:
        print('gave up:', e)
