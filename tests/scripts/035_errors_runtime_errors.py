"""Python's own runtime errors are ordinary catchable exceptions with CPython's messages."""
import asyncio


def boom(kind):
    if kind == 'zero':
        return 1 / 0
    if kind == 'zeromod':
        return 5 % 0
    if kind == 'name':
        return undefined_name
    if kind == 'type':
        return 1 + 'a'
    if kind == 'key':
        return {'a': 1}['b']
    if kind == 'index':
        return [1, 2][5]
    if kind == 'attr':
        return (5).missing
    if kind == 'int':
        return int('abc')
    if kind == 'call':
        return len(5)
    return 'fine'


async def main():
    for kind in ['zero', 'zeromod', 'name', 'type', 'key', 'index', 'attr', 'int', 'call', 'none']:
        try:
            print(kind, 'ok:', boom(kind))
        except ZeroDivisionError as e:
            print(kind, 'ZeroDivisionError:', e)
        except NameError as e:
            print(kind, 'NameError:', e)
        except TypeError as e:
            print(kind, 'TypeError:', e)
        except KeyError as e:
            print(kind, 'KeyError:', e, repr(e))
        except IndexError as e:
            print(kind, 'IndexError:', e)
        except AttributeError as e:
            print(kind, 'AttributeError:', e)
        except ValueError as e:
            print(kind, 'ValueError:', e)
        await asyncio.sleep(0.1)
