"""`if __name__ == "__main__": asyncio.run(main())` in the entry script and
in an imported module: the module's guard is false (its __name__ is its
module name), the entry's runs main once."""
import asyncio
import worker


async def main():
    results = await asyncio.gather(*(worker.work(n) for n in range(1, 4)))
    print(results, worker.__name__)


if __name__ == "__main__":
    asyncio.run(main())
