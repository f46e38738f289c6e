"""time.perf_counter, time.monotonic and time.time follow the virtual clock; elapsed times are exact."""
import asyncio
import time


async def main():
    t0 = time.perf_counter()
    m0 = time.monotonic()
    w0 = time.time()
    print(t0, m0, w0)
    await asyncio.sleep(1.5)
    print(time.perf_counter() - t0, time.monotonic() - m0, time.time() - w0)
    time.sleep(0.25)
    print(f'{time.perf_counter() - t0:.2f}', time.time())
    await asyncio.sleep(0.1)
    print(time.monotonic(), repr(time.monotonic()))
