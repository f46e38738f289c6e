"""The same read-modify-write under an asyncio.Lock: no update is lost, and it takes 5 x 0.1 s."""
import asyncio


import time

balance = 0


async def deposit(lock, amount):
    global balance
    async with lock:
        current = balance
        await asyncio.sleep(0.1)
        balance = current + amount
        print(f'deposited {amount}: balance {balance} at {time.monotonic():.1f}')


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(deposit(lock, 10) for _ in range(5)))
    print('final balance', balance)
