"""except with a tuple of classes, raising a class instead of an instance, raise ... from None, raising something that is not an exception, exceptions stored and compared as values."""
import asyncio


class Oops(Exception):
    pass


def pick(i):
    if i == 0:
        raise KeyError('k')
    if i == 1:
        raise IndexError('i')
    if i == 2:
        raise Oops
    if i == 3:
        try:
            raise ValueError('hidden')
        except ValueError:
            raise Oops('no cause') from None
    if i == 4:
        raise 42
    return 'no error'


async def main():
    caught = []
    for i in range(6):
        try:
            print(pick(i))
        except (KeyError, IndexError) as e:
            print('lookup-ish:', repr(e))
            caught.append(e)
        except Oops as e:
            print('oops:', repr(e), repr(e.__cause__))
            caught.append(e)
        except TypeError as e:
            print('type error:', e)
        await asyncio.sleep(0.1)
    print(caught, len(caught), isinstance(caught[0], LookupError))
