"""A plain Future resolved by a loop callback: main creates a future and asks
the loop to call deliver() 2 s later (loop.call_later), then awaits the
future. No task runs in between: at 2 s the loop itself runs the callback,
set_result wakes main, and main gets the value. A done callback added to the
future runs on the loop right after, in the order it was added."""
import asyncio


def deliver(fut, value):
    print(f'callback: delivering {value!r}')
    fut.set_result(value)


def announce(fut):
    print(f'done callback: the future holds {fut.result()!r}')


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(announce)
    handle = loop.call_later(2, deliver, fut, 'the parcel')
    print(f'waiting; done() is {fut.done()}')
    value = await fut
    print(f'main got {value!r}; handle cancelled: {handle.cancelled()}')
