"""Custom exceptions raised in tasks: gather(return_exceptions=True), TaskGroup ExceptionGroup, __str__ in the trace."""
import asyncio


class JobFailed(Exception):
    def __init__(self, job, attempt):
        super().__init__(job)
        self.job = job
        self.attempt = attempt

    def __str__(self):
        return f"job {self.job} failed on attempt {self.attempt}"


async def job(name, delay, fail):
    await asyncio.sleep(delay)
    if fail:
        raise JobFailed(name, 1)
    return name


async def main():
    results = await asyncio.gather(job("a", 1, False), job("b", 0.5, True), return_exceptions=True)
    print([str(r) for r in results], [type(r).__name__ for r in results])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("c", 1, True))
            tg.create_task(job("d", 2, False))
    except ExceptionGroup as eg:
        print("group:", eg, [str(e) for e in eg.exceptions])
    t = asyncio.create_task(job("e", 0.5, True))
    await asyncio.sleep(1)
    print(t.exception(), t.exception().attempt)
    await t
