"""Fuzzer reproducer: a timeout cancelling a task through two nested shields
(panicked with a u32::MAX task index in src/runtime/core.rs)."""
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(5))
    await asyncio.wait_for(asyncio.shield(asyncio.shield(t)), 1)


asyncio.run(main())
