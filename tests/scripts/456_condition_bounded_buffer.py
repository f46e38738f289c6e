"""A bounded buffer with a Condition: producer waits while full, consumer while empty."""
import asyncio


buffer = []


async def producer(cond):
    for i in range(5):
        async with cond:
            await cond.wait_for(lambda: len(buffer) < 2)
            buffer.append(i)
            print('put', i, buffer)
            cond.notify_all()


async def consumer(cond):
    for _ in range(5):
        async with cond:
            await cond.wait_for(lambda: buffer)
            item = buffer.pop(0)
            print('took', item)
            cond.notify_all()
        await asyncio.sleep(0.5)


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(producer(cond), consumer(cond))
