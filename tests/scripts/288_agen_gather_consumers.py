"""Several tasks gathered, each draining its own async generator with different delays: the trace interleaves their sleeps in virtual time."""
import asyncio


async def countdown(name, n, delay):
    while n > 0:
        await asyncio.sleep(delay)
        yield f"{name}:{n}"
        n -= 1


async def drain(name, n, delay):
    out = []
    async for item in countdown(name, n, delay):
        print(item, "at", asyncio.get_running_loop().time())
        out.append(item)
    return out


async def main():
    results = await asyncio.gather(drain("a", 3, 1), drain("b", 2, 1.5), drain("c", 1, 0.5))
    print(results)
