"""get_running_loop() outside a coroutine raises RuntimeError; inside one it is the running loop."""
import asyncio

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("top level:", e)


def in_callback():
    print("in a callback:", asyncio.get_running_loop().is_running())


async def main():
    loop = asyncio.get_running_loop()
    print(loop is asyncio.get_running_loop(), loop is asyncio.get_event_loop())
    loop.call_soon(in_callback)
    await asyncio.sleep(0)
    print(asyncio.current_task().get_loop() is loop)
