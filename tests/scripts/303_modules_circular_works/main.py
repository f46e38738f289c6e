"""A circular import that works, as in CPython: registry imports handlers,
which imports registry back (getting it partially initialised) and uses its
functions only later, at call time."""
import asyncio
import registry
import handlers


async def main():
    fn = registry.handlers_by_name["ping"]
    print(fn is handlers.ping, handlers.registry is registry)
    print(await fn(1))
