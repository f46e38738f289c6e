"""gather() of zero awaitables is an already finished future: awaiting it
gives [] without suspending."""
import asyncio


async def main():
    print(f'gather() -> {await asyncio.gather()!r}')
    print(f'gather(return_exceptions=True) -> {await asyncio.gather(return_exceptions=True)!r}')
