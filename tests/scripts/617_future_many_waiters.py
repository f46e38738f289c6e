"""Several tasks await one future: they wake in the order they started waiting."""
import asyncio


async def waiter(name, fut):
    print(name, "waits")
    value = await fut
    print(name, "got", value)
    return name


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(waiter(f"w{i}", fut), name=f"w{i}") for i in range(4)]
    await asyncio.sleep(0)
    loop.call_later(1.5, fut.set_result, "go")
    print(await asyncio.gather(*tasks))
