"""A race: three deposits each read the balance, await a 0.1 s "database
round trip", then write back what they read plus their amount. All three read
0 before any writes, so two of the updates are lost: the balance ends at 10
instead of 30. The next scenario is the same program with a lock."""
import asyncio

balance = 0


async def deposit(amount):
    global balance
    current = balance                 # read
    await asyncio.sleep(0.1)          # the other deposits run here
    balance = current + amount        # write: overwrites their updates
    print(f'deposited {amount}: balance is now {balance}')


async def main():
    await asyncio.gather(deposit(10), deposit(10), deposit(10))
    print(f'final balance {balance}, expected 30')
