"""asyncio.wait inside wait_for: the deadline cancels the wait; the tasks it waited for keep running."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'finished')
    return name


async def main():
    tasks = [asyncio.create_task(job('a', 1), name='a'), asyncio.create_task(job('b', 4), name='b')]
    try:
        await asyncio.wait_for(asyncio.wait(tasks), timeout=2)
    except TimeoutError:
        print('wait_for timed out; a done:', tasks[0].done(), 'b done:', tasks[1].done())
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending))
