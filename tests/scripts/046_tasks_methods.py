"""Task methods on a running, a finished and a failed task: done, cancelled, result, exception, get_name."""
import asyncio


async def value_after(seconds, value):
    await asyncio.sleep(seconds)
    return value


async def fail_after(seconds):
    await asyncio.sleep(seconds)
    raise ValueError(f'failed after {seconds}')


async def main():
    ok = asyncio.create_task(value_after(1, {'k': [1, 2]}), name='ok')
    bad = asyncio.create_task(fail_after(2), name='bad')
    print(ok.get_name(), ok.done(), ok.cancelled())
    await asyncio.sleep(1.5)
    print(ok.get_name(), ok.done(), ok.cancelled(), ok.result(), ok.exception())
    print(bad.get_name(), bad.done())
    await asyncio.sleep(1)
    print(bad.get_name(), bad.done(), bad.cancelled(), repr(bad.exception()))
    try:
        bad.result()
    except ValueError as e:
        print('result() re-raises:', e)
