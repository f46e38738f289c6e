"""Rust twin: tests/it/threads.rs, exception. A job raising ValueError after a sleep: the awaiting task gets it."""
import asyncio
import time


def fails():
    time.sleep(1)
    raise ValueError('bad input')


async def main():
    try:
        await asyncio.get_running_loop().run_in_executor(None, fails)
    except ValueError as e:
        print(f'caught {e} at {time.monotonic()!r}')
