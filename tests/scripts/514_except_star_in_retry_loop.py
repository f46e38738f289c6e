"""except* inside a retry loop (break/continue allowed in a loop of the clause), predicate split, and a failing handler."""
import asyncio


async def flaky(n, attempt):
    await asyncio.sleep(0.1)
    if attempt < n:
        raise ConnectionError(f'try {attempt} of job {n}')
    return n


async def main():
    for attempt in range(3):
        failed = False
        try:
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(flaky(n, attempt)) for n in (1, 2)]
        except* ConnectionError as eg:
            for e in eg.exceptions:
                print('retrying after', e)
                if attempt > 5:
                    break
            failed = True
        if failed:
            continue
        print('all done on attempt', attempt, [t.result() for t in tasks])
        break
    eg = ExceptionGroup('mixed', [ValueError('small'), ValueError('a much longer message')])
    print(repr(eg.subgroup(lambda e: len(str(e)) > 5)))
    try:
        try:
            raise ExceptionGroup('outer', [KeyError('a'), ValueError('b')])
        except* KeyError:
            raise TypeError('while handling')
        except* ValueError as v:
            print('value part', repr(v))
    except ExceptionGroup as g:
        print('propagated', repr(g), repr(g.exceptions[0].__context__) if False else '')
