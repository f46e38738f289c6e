"""notify() and wait() without holding the lock raise RuntimeError."""
import asyncio


async def main():
    cond = asyncio.Condition()
    for call in (cond.notify, cond.notify_all):
        try:
            call()
        except RuntimeError as e:
            print(e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print(e)
    await cond.acquire()
    cond.notify(5)
    cond.release()
    print('ok')
