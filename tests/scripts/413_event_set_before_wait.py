"""Waiting on an event that is already set returns True at once, without suspending."""
import asyncio


async def main():
    ev = asyncio.Event()
    ev.set()
    ev.set()  # setting twice is harmless
    print(await ev.wait(), ev.is_set())
    ev.clear()
    print(ev.is_set(), ev)
