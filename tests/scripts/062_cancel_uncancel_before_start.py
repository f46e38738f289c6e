"""cancel() then uncancel() before the task ever ran: in 3.13 the pending cancellation is withdrawn and the task runs normally."""
import asyncio


async def job():
    print('job body runs')
    await asyncio.sleep(1)
    return 'job done'


async def main():
    t = asyncio.create_task(job(), name='job')
    print('cancel:', t.cancel(), 'cancelling:', t.cancelling())
    print('uncancel:', t.uncancel(), 'cancelling:', t.cancelling())
    print(await t, t.cancelled())
