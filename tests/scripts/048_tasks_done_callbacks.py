"""add_done_callback: callbacks run from the loop (no current task) after the task finishes, in the order added; one added to a finished task runs soon."""
import asyncio


def report(task):
    if task.cancelled():
        print('callback:', task.get_name(), 'was cancelled')
    elif task.exception() is not None:
        print('callback:', task.get_name(), 'raised', repr(task.exception()))
    else:
        print('callback:', task.get_name(), 'returned', task.result())


def make_logger(label):
    def log(task):
        print(label, 'saw', task.get_name(), 'current task is', asyncio.current_task())
    return log


async def work(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError('two')
    return n


async def main():
    a = asyncio.create_task(work(1), name='a')
    b = asyncio.create_task(work(2), name='b')
    c = asyncio.create_task(work(3), name='c')
    for t in [a, b, c]:
        t.add_done_callback(report)
    a.add_done_callback(make_logger('logger'))
    await asyncio.sleep(1.5)
    c.cancel()
    a.add_done_callback(lambda t: print('late callback on', t.get_name()))
    await asyncio.sleep(1)
    print('main finishing')
