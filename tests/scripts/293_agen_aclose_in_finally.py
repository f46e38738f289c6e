"""The aclosing pattern by hand: a consumer that stops early closes its async generator in a finally, so the generator's cleanup runs inside the consumer, at the time it stops."""
import asyncio


async def lines():
    try:
        for i in range(100):
            await asyncio.sleep(0.25)
            yield f"line {i}"
    finally:
        print("lines cleanup at", asyncio.get_running_loop().time())


async def head(n):
    agen = lines()
    out = []
    try:
        async for line in agen:
            out.append(line)
            if len(out) == n:
                break
    finally:
        await agen.aclose()
        print("head closed its generator")
    return out


async def main():
    print(await head(3))
    t = asyncio.create_task(head(100))
    await asyncio.sleep(1.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("head cancelled at", asyncio.get_running_loop().time())
