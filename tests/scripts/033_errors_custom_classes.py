"""Custom exception classes deriving from Exception, a hierarchy caught by its base class, isinstance on exceptions."""
import asyncio


class AppError(Exception):
    pass


class RetryableError(AppError):
    """An error worth retrying."""


class FatalError(AppError):
    pass


async def step(kind):
    await asyncio.sleep(0.5)
    if kind == 'retry':
        raise RetryableError('try again')
    if kind == 'fatal':
        raise FatalError('give up', 3)
    return kind


async def main():
    for kind in ['ok', 'retry', 'fatal']:
        try:
            print(await step(kind))
        except RetryableError as e:
            print('retryable:', e, repr(e), isinstance(e, AppError))
        except AppError as e:
            print('app error:', e, repr(e), isinstance(e, RetryableError))
    try:
        raise AppError()
    except Exception as e:
        print('empty message:', repr(e), '[' + str(e) + ']')
    t = asyncio.create_task(step('fatal'), name='fatal_step')
    try:
        await t
    except FatalError as e:
        print('task failed with', repr(e), repr(t.exception()))
