"""More of CPython's runtime error messages: comparisons, calls, unpacking, hashing, concatenation, unbound locals."""
import asyncio


def one(x):
    return x


def unbound():
    if False:
        y = 1
    return y


def attempt(label, f):
    try:
        print(label, 'ok:', f())
    except Exception as e:
        print(label, repr(e))


async def main():
    five = 5
    attempt('compare', lambda: 1 < 'a')
    attempt('call int', lambda: five(1))
    attempt('too many args', lambda: one(1, 2))
    attempt('missing arg', lambda: one())
    attempt('bad keyword', lambda: one(y=1))
    attempt('concat', lambda: 'a' + 1)
    attempt('unhashable', lambda: {[1]: 2})
    attempt('set unhashable', lambda: {[1], [2]})
    attempt('unbound', unbound)
    attempt('index str', lambda: 'abc'[10])
    attempt('tuple index', lambda: (1, 2)[2])
    attempt('float div', lambda: 1.5 / 0)
    attempt('floor div', lambda: 3 // 0)
    attempt('neg index ok', lambda: [1, 2, 3][-1])
    attempt('str attr', lambda: 'x'.nope)
    attempt('none attr', lambda: None.value)
    attempt('int of float str', lambda: int('1.5'))
    attempt('float of word', lambda: float('abc'))
    attempt('sub str', lambda: 'a' - 'b')
    attempt('mul list', lambda: [1] * 'x')
    attempt('neg', lambda: -'a')
    attempt('len none', lambda: len(None))
    for label, values in [('unpack many', (1, 2, 3)), ('unpack few', (1,))]:
        try:
            a, b = values
            print(label, a, b)
        except ValueError as e:
            print(label, repr(e))
    await asyncio.sleep(0)
