"""Fuzzer reproducer (found from a mutant of a gather script): asyncio.run's
shutdown cancelling a task that awaits two nested shields (panicked with a
u32::MAX task index in src/runtime/core.rs)."""
import asyncio


async def child():
    await asyncio.shield(asyncio.shield(asyncio.sleep(3)))


async def main():
    asyncio.create_task(child())
    await asyncio.sleep(1)


asyncio.run(main())
