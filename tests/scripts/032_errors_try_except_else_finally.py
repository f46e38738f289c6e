"""try / except / else / finally: which blocks run when the body succeeds, raises, or returns; across awaits."""
import asyncio


async def attempt(fail):
    try:
        await asyncio.sleep(1)
        if fail:
            raise ValueError('bad input')
        print('body ok')
    except ValueError as e:
        print('caught', repr(e))
        return 'recovered'
    else:
        print('else runs only without exception')
        return 'clean'
    finally:
        print('finally always runs')


def early_return():
    try:
        return 'from try'
    finally:
        print('finally before return')


async def main():
    print(await attempt(False))
    print(await attempt(True))
    print(early_return())
    try:
        try:
            raise KeyError('inner')
        finally:
            print('inner finally')
    except KeyError as e:
        print('outer caught', e, repr(e))
