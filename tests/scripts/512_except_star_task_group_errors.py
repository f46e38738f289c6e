"""except* splits exception groups (a TaskGroup's, raised ones, a naked exception) among its clauses as CPython 3.13 does."""
import asyncio


async def fail(n, exc=ValueError):
    await asyncio.sleep(n)
    raise exc(f'bad {n}')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(1))
            tg.create_task(fail(2, KeyError))
            tg.create_task(fail(3))
    except* ValueError as eg:
        print('caught', type(eg).__name__, len(eg.exceptions), [str(e) for e in eg.exceptions], eg.message)
    except* KeyError as eg:
        print('keys', eg.exceptions)
    try:
        try:
            raise ExceptionGroup('many', [KeyError('k'), TypeError('t'), ExceptionGroup('inner', [KeyError('k2'), OSError('o')])])
        except* KeyError as e:
            print('key', repr(e))
        except* TypeError:
            print('type')
            raise
    except ExceptionGroup as left:
        print('left', repr(left))
    try:
        try:
            raise ValueError('naked')
        except* ValueError as e:
            print('naked caught as', repr(e))
            raise
    except ExceptionGroup as g:
        print('re-raised naked as', repr(g))
    try:
        try:
            raise ValueError('x')
        except* TypeError:
            print('no')
    except ValueError as v:
        print('unmatched naked stays', repr(v))
    try:
        try:
            raise ExceptionGroup('g', [ValueError(1), TypeError(2)])
        except* ValueError:
            raise RuntimeError('new')
    except ExceptionGroup as g:
        print('combined', repr(g))
    try:
        try:
            raise ExceptionGroup('g', [ValueError(1)])
        except* ExceptionGroup:
            pass
    except TypeError as t:
        print('TypeError', t)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(1))
    except* (ValueError, KeyError) as eg:
        print('tuple', eg.exceptions)
