"""wait(timeout=...) returns at the timeout with the slow tasks pending and still running (not cancelled)."""
import asyncio


async def job(name, delay):
    print(name, 'start')
    await asyncio.sleep(delay)
    print(name, 'end')
    return name


async def main():
    tasks = [asyncio.create_task(job(f't{i}', i), name=f't{i}') for i in (1, 3, 5)]
    done, pending = await asyncio.wait(tasks, timeout=2)
    print('after 2 s:', sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
    print([t.cancelled() for t in pending])
    done, pending = await asyncio.wait(pending, timeout=10)
    print('then:', sorted(t.get_name() for t in done), len(pending))
