"""asyncio.as_completed hands back results in the order the work finishes,
not the order it was started: three page fetches taking 3, 1 and 2 s are
handled at 1, 2 and 3 s. A timeout of 2.5 s stops the loop before the slow
page: as_completed raises TimeoutError and leaves that task running (asyncio.run's
shutdown cancels it when main returns)."""
import asyncio


async def fetch(page, seconds):
    await asyncio.sleep(seconds)
    return f'{page} ({seconds} s)'


async def main():
    pages = [asyncio.create_task(fetch(p, s), name=p) for p, s in [('home', 3), ('about', 1), ('blog', 2)]]
    for next_done in asyncio.as_completed(pages):
        print('got', await next_done)
    pages = [asyncio.create_task(fetch(p, s), name=p) for p, s in [('slow', 3), ('fast', 1)]]
    try:
        for next_done in asyncio.as_completed(pages, timeout=2.5):
            print('got', await next_done)
    except TimeoutError:
        print('timed out after 2.5 s')
