"""Control flow through finally: return in finally overrides an exception and a return; continue and break inside try/finally in loops."""
import asyncio


def swallow():
    try:
        raise ValueError('lost')
    finally:
        return 'finally wins'


def override():
    try:
        return 'try'
    finally:
        return 'finally'


async def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            await asyncio.sleep(0.5)
            out.append(i)
        finally:
            out.append(f'f{i}')
    return out


async def main():
    print(swallow(), override())
    print(await loop_with_finally())
