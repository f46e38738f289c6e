"""An eager task cancelled right after create_task: it already ran to its first await."""
import asyncio


async def worker():
    print("worker step 1")
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("worker cancelled at its first await")
        raise


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(worker(), name="worker")
    print("cancel:", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("main: worker cancelled", t.cancelled())
