"""str.format with indexed and attribute fields, printf-style % with flags and mapping keys, as tutorials log task progress."""
import asyncio
from collections import namedtuple

Task = namedtuple('Task', 'name seconds')


async def run(task, results):
    await asyncio.sleep(task.seconds)
    results[task.name] = task.seconds
    print('{0.name:<8}|{0.seconds:>5.2f}s|{1[0]}'.format(task, ['done']))
    print('%-8s|%5.2fs|%03d|%+d' % (task.name, task.seconds, len(results), -len(results)))


async def main():
    results = {}
    await asyncio.gather(run(Task('fetch', 0.5), results), run(Task('parse', 0.25), results))
    print('{r[fetch]} {r[parse]!r:>6} {{literal}}'.format(r=results))
    print('%(fetch).1f + %(parse)s = %(total)G' % {'fetch': 0.5, 'parse': 0.25, 'total': 0.75})
    print('%5s|%-5s|%x|%#X|%o|%.3s|%c%c|%e|%E' % ('ab', 'cd', 255, 255, 8, 'abcdef', 65, 'z', 12345.678, 0.5))
    print('{:>+8.3E}|{:^9}|{:*<6}|{:,}|{:_x}'.format(1234.5, 'mid', 'l', 1234567, 65535))
    for bad in ['{0.}', '{0[0]x}']:
        try:
            bad.format([1])
        except ValueError as e:
            print('ValueError:', e)
    try:
        '%d %d' % (1,)
    except TypeError as e:
        print('TypeError:', e)
    try:
        '%q' % 1
    except ValueError as e:
        print('ValueError:', e)
