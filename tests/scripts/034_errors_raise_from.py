"""raise ... from: the new exception carries its cause; bare raise re-raises the current exception."""
import asyncio


class ConfigError(Exception):
    pass


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f'bad number {text!r}') from e


async def load(text):
    await asyncio.sleep(1)
    return parse(text)


async def main():
    print(await load('12'))
    try:
        await load('twelve')
    except ConfigError as e:
        print('caught', repr(e))
        print('cause', repr(e.__cause__))
    try:
        try:
            raise TypeError('original')
        except TypeError:
            print('re-raising')
            raise
    except TypeError as e:
        print('re-raised', repr(e))
    t = asyncio.create_task(load('x1'), name='loader')
    await asyncio.sleep(2)
    print(t.done(), repr(t.exception()))
