import asyncio
import registry  # a cycle: registry is being imported and is partially initialised here

READY = False


async def ping(n: int) -> str:
    await asyncio.sleep(n)
    return f"pong {n}"


def install():
    registry.register("ping", ping)


READY = True
