"""Racing with asyncio.wait(FIRST_COMPLETED): three mirrors serve the same
file at different speeds. wait returns as soon as the fastest finishes, with
the other two still pending (wait never cancels anything): main cancels the
losers itself and waits for them to finish cancelling."""
import asyncio


async def download(mirror, seconds):
    print(f'{mirror}: downloading')
    await asyncio.sleep(seconds)
    print(f'{mirror}: done')
    return mirror


async def main():
    tasks = [asyncio.create_task(download(m, s), name=m)
             for m, s in [('eu', 2), ('us', 1), ('asia', 3)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    winner = done.pop()
    print(f'fastest: {winner.result()}, {len(pending)} still running')
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print('cancelled:', sorted(t.get_name() for t in pending if t.cancelled()))
