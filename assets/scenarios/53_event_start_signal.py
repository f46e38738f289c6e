"""An event as a start signal: three runners wait on the same Event. Nothing
happens until main sets it at 1 s; set() wakes every waiter at once, in the
order they started waiting. A runner that waits after the event is set does
not wait at all."""
import asyncio


async def runner(name, start):
    print(f'{name} is ready')
    await start.wait()
    print(f'{name} runs')
    await asyncio.sleep(0.5)
    print(f'{name} finished')


async def main():
    start = asyncio.Event()
    runners = [asyncio.create_task(runner(name, start), name=name) for name in ('ann', 'bob', 'cy')]
    await asyncio.sleep(1)
    print('ready, steady, go!')
    start.set()
    await runner('late', start)       # the event is already set: no wait
    await asyncio.gather(*runners)
