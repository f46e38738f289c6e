"""Rebinding a module's attribute from outside (a test double): code that
calls through the module (`util.delay`) sees the new function, code that
imported the name (`from util import delay`) keeps the old one."""
import asyncio
import util
import client
from util import delay as original


async def fake_delay(seconds: float) -> float:
    print(f"pretending to sleep {seconds}")
    await asyncio.sleep(0)
    return 0.0


async def main():
    util.delay = fake_delay
    print(await client.through_module(2), await client.through_name(1))
    util.delay = original
    print(await client.through_module(0.5))
