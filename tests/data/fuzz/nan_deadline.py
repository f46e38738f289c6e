"""Found by the fuzzer: a NaN deadline (wait_for under nested shields with
float('nan')) was written into the log, which then did not load back.
CPython's loop fails in `select` on such a timer; taskline refuses the
deadline where it is set, with ValueError."""
import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.shield(asyncio.wait_for(asyncio.shield(asyncio.sleep(1)), -1)), float('nan'))
    except ValueError as e:
        print("wait_for:", e)
    try:
        async with asyncio.timeout(float('nan')):
            await asyncio.sleep(1)
    except ValueError as e:
        print("timeout:", e)


asyncio.run(main())
