"""A read-modify-write with an await in the middle and no lock: every task reads the same value and updates are lost."""
import asyncio


balance = 0


async def deposit(amount):
    global balance
    current = balance
    await asyncio.sleep(0.1)  # e.g. a database round trip
    balance = current + amount
    print(f'deposited {amount}: balance {balance}')


async def main():
    await asyncio.gather(*(deposit(10) for _ in range(5)))
    print('final balance', balance, '(expected 50)')
