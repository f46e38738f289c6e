"""A listing in a chapter folder (a package) that imports the `util`
package one folder up, as the book's listings do when run from the project
root: the search path is the script's folder, then its parents while the
folder is a package."""
import asyncio
from util import delay
from util.async_timer import timed, Runner, start
import util.async_timer as timer


async def hello_every_second():
    for i in range(2):
        await asyncio.sleep(1)
        print("I'm running other code while I'm waiting!")


async def main():
    print(Runner)
    first_delay = asyncio.create_task(delay(3))
    second_delay = asyncio.create_task(delay(3))
    await timed("hello", hello_every_second())
    await first_delay
    await second_delay
    start("x")
    await asyncio.sleep(0.5)
    print(f"{timer.elapsed('x'):.2f}", timer.__name__)
