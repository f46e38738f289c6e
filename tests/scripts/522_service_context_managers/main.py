"""A service over a pool of 2 connections: six requests, one cancelled, one
timing out; async with on a class, an asynccontextmanager over a semaphore."""
import asyncio

from db import Pool
from service import UserService


async def main():
    async with Pool(2) as pool:
        service = UserService(pool)
        tasks = [asyncio.create_task(service.get_user(i), name=f'user{i}') for i in range(6)]
        await asyncio.sleep(0.1)
        tasks[1].cancel()
        try:
            print(await asyncio.wait_for(tasks[5], timeout=0.3))
        except TimeoutError:
            print('user5 timed out')
        results = await asyncio.gather(*tasks[:5], return_exceptions=True)
        for r in results:
            print(type(r).__name__, r)
        print(service.handled, pool.log, len(pool.free))
    try:
        async with Pool(1) as broken:
            raise ValueError('boom')
    except ValueError as e:
        print('caught', e, len(broken.free))
