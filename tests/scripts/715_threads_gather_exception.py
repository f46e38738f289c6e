"""gather(return_exceptions=True) over jobs where one raises in its worker: the error is one of the results."""
import asyncio
import time


def maybe(i):
    time.sleep(i)
    if i == 1:
        raise KeyError(i)
    return i


async def main():
    loop = asyncio.get_running_loop()
    rs = await asyncio.gather(*[loop.run_in_executor(None, maybe, i) for i in range(3)], return_exceptions=True)
    print([repr(r) for r in rs])
