"""A task awaiting itself through a shield waits for a future that nothing
will complete: the loop has nothing ready and no timer, a deadlock. The run
stops there (log 'deadlock') and the shutdown cancels every pending task,
main included, which unblocks them."""
import asyncio

slots = {}


async def selfish():
    print('selfish: awaiting a shield of myself')
    await asyncio.shield(slots['selfish'])


async def main():
    slots['selfish'] = asyncio.create_task(selfish(), name='selfish')
    await slots['selfish']
