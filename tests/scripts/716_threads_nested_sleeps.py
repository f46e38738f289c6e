"""A worker job calling helper functions that sleep: the job's time adds up across the calls."""
import asyncio
import time


def step(name, secs):
    time.sleep(secs)
    print('step', name, 'done')


def pipeline():
    step('load', 1)
    step('parse', 0.5)
    step('save', 2)
    return 'pipeline ok'


async def main():
    print(await asyncio.to_thread(pipeline), time.monotonic())
