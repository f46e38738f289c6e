"""f-string format specs with nested replacement fields evaluate any expression, after the value."""
import asyncio


async def main():
    x, w = 42, 5
    fill, align = '*', '^'
    print(f"[{x:>{w+1}}]")
    print(f"[{3.14159:.{w-2}f}]")
    print(f"[{x:{fill}{align}{w}}]")
    print(f"[{x!r:>{w}}]", f"[{'ab'!r:>{w}}]", f"[{'ab'!s:<{w}}]", f"[{'é'!a}]")
    print(f"[{x:{'>' if x > 0 else '<'}{w * 2}}]")
    print(f"[{[1, 2]!r:>{len('abcdefgh')}}]")
    print(f"{x=}", f"{x = }", f"{x=:>6}", f"{x=!s:>6}", f"{w*2=}", f"{'a'=}")
    prec = {'p': 3}
    print(f"{2/3:.{prec['p']}f}|{2/3:{'.'}{prec['p'] + 1}}|{1234567:,}|{255:#x}|{255:_b}")
    order = []

    def note(tag, v):
        order.append(tag)
        return v

    print(f"{note('value', 7):>{note('width', 4)}}", order)
    await asyncio.sleep(0.5)
    print(f"{await asyncio.sleep(0.1, result=9):>{await asyncio.sleep(0.1, result=4)}}|")
    print("{:>{}}|{:{}{}{}}|".format(1, 5, 2, '*', '^', 6), "{0:>{1}}|{name:{w}}|".format('a', 4, name='n', w=3))
    for bad in ["{:>{}}", "{0}{}", "}", "{!x}"]:
        try:
            print(bad.format(1, 2))
        except (ValueError, IndexError, KeyError, NotImplementedError) as e:
            print(type(e).__name__, e)
    for v, spec in [(42, '.2'), ('s', '+'), ('s', '#'), ('s', '='), ('s', ','), (255, ',x'), ([1], '>10'),
                    (None, '>3'), (True, '>5'), ('ab', '05'), (-42, '=+8'), (12345.678, '_.2f'), (42, '>5x!')]:
        try:
            print(repr(format(v, spec)))
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    print('-42'.zfill(6), 'ab'.center(5, '*'), 'abc'.center(6), 'hello-world x2y'.title(), 'a b  c'.split(None, 1))
    print('a,b,c'.split(',', 1), 'aaa'.replace('a', 'b', 2), 'x\ry\n\nz'.splitlines(), 'abcabc'.count(''))

