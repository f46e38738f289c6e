"""`import pkg.sub.leaf` binds `pkg` and makes each submodule an attribute
of its package; `import a.b as c` binds the submodule; a folder without
__init__.py is a namespace package."""
import asyncio
import pkg.sub.leaf
import pkg.sub.leaf as leaf
import ns.tool
from pkg import sub


async def main():
    print(pkg.name, pkg.sub.leaf.grow(1), leaf.grow(2), sub.grow(3))
    print(pkg.sub is sub, pkg.sub.leaf is leaf, leaf.__name__, sub.__name__)
    print(ns.tool.use(), ns.__name__)
    await asyncio.sleep(0)
