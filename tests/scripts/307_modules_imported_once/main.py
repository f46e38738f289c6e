"""A module imported from three places runs once and is shared: its
globals changed by its own functions (`global`), by attribute assignment
from outside, and seen by every importer; `from m import x` copies the
binding, `m.x` reads the current value."""
import asyncio
import config
import service
from config import level, history
import config as cfg


async def main():
    print(cfg is config, service.config is config)
    out = await asyncio.gather(service.serve("a"), service.serve("b"))
    print(out, config.level, level, history is config.history, history)
    config.level = 10
    print(await service.serve("c"), cfg.level)
    config.extra = "set from outside"
    print(config.extra, service.config.extra)
