import asyncio

print("worker imported as", __name__)


async def work(n: int) -> int:
    await asyncio.sleep(n / 10)
    return n * n


async def _demo():
    print("never: worker's own demo")


if __name__ == "__main__":
    asyncio.run(_demo())
