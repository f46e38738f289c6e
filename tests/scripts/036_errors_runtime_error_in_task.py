"""A runtime error inside a task ends the task with that exception; the awaiting task sees it with the same message."""
import asyncio


async def divide(a, b):
    await asyncio.sleep(1)
    return a / b


async def lookup(d, key):
    await asyncio.sleep(0.5)
    return d[key]


async def main():
    t1 = asyncio.create_task(divide(1, 0), name='divide')
    t2 = asyncio.create_task(lookup({'x': 1}, 'y'), name='lookup')
    t3 = asyncio.create_task(divide(3, 2), name='divide_ok')
    for t in [t1, t2, t3]:
        try:
            print(t.get_name(), 'result', await t)
        except ZeroDivisionError as e:
            print(t.get_name(), 'raised', repr(e))
        except KeyError as e:
            print(t.get_name(), 'raised', repr(e))
