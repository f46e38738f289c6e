"""print with sep and end: parts without a newline are joined with the next print's text."""
import asyncio


async def main():
    print('a', 'b', 'c', sep='-')
    print('x', 'y', sep='')
    print(1, 2, 3, sep=', ', end='!\n')
    print('no newline', end='')
    print(' continued')
    print()
    print('multi', 'line', sep='\n')
    for i in range(3):
        print(i, end=' ')
    print('<end>')
    await asyncio.sleep(1)
    print('tail', end='')
