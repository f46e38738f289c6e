"""A barrier is reusable: two rounds of three parties each."""
import asyncio


async def party(name, barrier):
    for round in range(2):
        await asyncio.sleep(len(name))
        i = await barrier.wait()
        print(f'{name} round {round} index {i}')


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(party('a', barrier), party('bb', barrier), party('ccc', barrier))
