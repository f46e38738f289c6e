"""With `from __future__ import annotations` no annotation is evaluated:
names defined later or nowhere are fine in signatures and at module level."""
from __future__ import annotations

import asyncio

registry: dict[str, Handler] = {}
undefined_only: NowhereAtAll


async def handle(request: Request, retries: int = 2) -> Response:
    await asyncio.sleep(0.1)
    return f"handled {request} with {retries} retries"


def lookup(name: str) -> Handler | None:
    return registry.get(name)


async def main():
    registry["h"] = handle
    print(await lookup("h")("req-1"), lookup("x"))
