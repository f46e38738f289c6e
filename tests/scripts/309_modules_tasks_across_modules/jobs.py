import asyncio
from typing import List


class JobFailed(Exception):
    pass


async def job(name: str, seconds: float, fail: bool = False) -> str:
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    if fail:
        raise JobFailed(f"{name} failed after {seconds}s")
    return name


async def supervise(names: List[str]) -> List[str]:
    tasks = [asyncio.create_task(job(n, i + 1, fail=(n == "c")), name=f"job-{n}") for i, n in enumerate(names)]
    done = []
    for t in tasks:
        try:
            done.append(await t)
        except JobFailed as e:
            print("caught:", e)
    return done
