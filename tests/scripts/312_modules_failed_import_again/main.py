"""A module whose top level raises is not cached: the exception reaches the
importer, and the next import runs the module again (CPython removes it
from sys.modules), until one import succeeds; after that it is cached."""
import asyncio
import settings


async def main():
    for i in range(4):
        try:
            import flaky
            print("imported, ready =", flaky.ready)
        except RuntimeError as e:
            print("RuntimeError:", e)
        await asyncio.sleep(0.1)
    print(settings.attempts)
