"""Workers append to a shared list and return containers; gather keeps the submission order of the results."""
import asyncio
import time

log = []


def worker(name, secs):
    time.sleep(secs)
    log.append(name)
    return [name] * 2, {'secs': secs}


async def main():
    results = await asyncio.gather(*(asyncio.to_thread(worker, n, s) for n, s in [('x', 2), ('y', 1), ('z', 1.5)]))
    print(results)
    print(sorted(log), time.monotonic())
