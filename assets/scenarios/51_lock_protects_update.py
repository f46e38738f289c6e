"""The race of the previous scenario fixed with asyncio.Lock: each deposit
holds the lock across its read, await and write. The first deposit takes the
lock; the other two queue behind it and get it one after the other, in the
order they asked, as each holder releases it. No update is lost: 30, but the
deposits now take 0.1 s each, one after the other."""
import asyncio

balance = 0
lock = asyncio.Lock()


async def deposit(amount):
    global balance
    async with lock:                  # waits here while another deposit holds it
        current = balance
        await asyncio.sleep(0.1)
        balance = current + amount
        print(f'deposited {amount}: balance is now {balance}')


async def main():
    await asyncio.gather(deposit(10), deposit(10), deposit(10))
    print(f'final balance {balance}, expected 30')
