"""Two tasks awaiting each other (each through a shield): a deadlock. The
shutdown's cancels stop at the shields' outer futures, so each task gets
its CancelledError without the cancel being passed round the cycle."""
import asyncio

slots = {}


async def first():
    await asyncio.sleep(0)
    await asyncio.shield(slots['second'])


async def second():
    await asyncio.sleep(0)
    await asyncio.shield(slots['first'])


async def main():
    slots['first'] = asyncio.create_task(first(), name='first')
    slots['second'] = asyncio.create_task(second(), name='second')
    await slots['first']
