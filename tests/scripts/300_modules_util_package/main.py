"""A `util` package next to the listing, as asyncio books ship theirs:
`from util import delay` re-exported by util/__init__.py from a submodule,
`import util` and `util.delay`, a relative import inside the package, the
package's own top-level print (once, at import) and its modules' __name__."""
import asyncio
from typing import Optional, List
from util import delay, fmt
import util
import util.delay_functions

counter: int = 0


async def main():
    t: Optional[List[int]] = None
    r = await asyncio.gather(delay(1), util.delay(2))
    print(fmt(r), util.__name__, util.delay_functions.__name__, t)
    print(util.delay is delay, util.delay_functions.delay is delay, util.helpers.fmt is fmt)
    task = asyncio.create_task(util.delay_functions.delay(0))
    print(await task, counter)


if __name__ == "__main__":
    asyncio.run(main())
