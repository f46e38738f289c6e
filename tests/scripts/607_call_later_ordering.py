"""call_later/call_at: deadline order, ties in scheduling order, handle.cancel() and when()."""
import asyncio


def fire(name):
    print("fire", name, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_later(2, fire, "two")
    h2 = loop.call_later(1, fire, "one")
    h3 = loop.call_at(loop.time() + 1, fire, "one-bis")
    h4 = loop.call_later(1.5, fire, "cancelled")
    print(h1.when(), h2.when(), h3.when(), h4.when())
    h4.cancel()
    print("h4 cancelled:", h4.cancelled(), "h1 cancelled:", h1.cancelled())
    await asyncio.sleep(1)
    print("main after sleep(1)")
    await asyncio.sleep(2)
    h1.cancel()
    print("cancel after it ran:", h1.cancelled())
