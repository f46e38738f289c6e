"""Import order inside a package: the package's __init__ runs first, a
submodule runs when first imported, and becomes the package's attribute
(and a global of its __init__) only once its own code has finished."""
import asyncio
import pkg
import pkg.second


async def main():
    print(pkg.first.second is pkg.second, pkg.second.VALUE)
    await asyncio.sleep(0)
