"""A call_soon handle cancelled before it runs never runs; cancelled() reports it."""
import asyncio


def say(word):
    print("say", word)


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(say, "one")
    h2 = loop.call_soon(say, "two")
    h3 = loop.call_soon(say, "three")
    h2.cancel()
    print(h1.cancelled(), h2.cancelled(), h3.cancelled())
    h2.cancel()
    print(repr(h2))
    await asyncio.sleep(0)
    h1.cancel()
    print("cancelled after running:", h1.cancelled())
