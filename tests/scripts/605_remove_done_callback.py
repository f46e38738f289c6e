"""remove_done_callback removes every registration of the callback and returns how many."""
import asyncio

log = []


def one(fut):
    log.append("one")


def two(fut):
    log.append("two")


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(one)
    fut.add_done_callback(two)
    fut.add_done_callback(one)
    print("removed", fut.remove_done_callback(one))
    print("removed again", fut.remove_done_callback(one))
    fut.set_result(None)
    print("removed after set", fut.remove_done_callback(two))
    await asyncio.sleep(0)
    print(log)
