"""Task results of many types, as the trace shows them (repr): floats, strings with quotes, containers, None, bools, and an exception returned (not raised)."""
import asyncio


async def give(v):
    await asyncio.sleep(0)
    return v


async def main():
    values = [0.1 + 0.2, "it's", 'plain', [1, (2, 3)], {'a': None}, True, None, ValueError('returned'), -0.0, (), 10 ** 12]
    tasks = [asyncio.create_task(give(v), name=f'give{i}') for i, v in enumerate(values)]
    for t in tasks:
        r = await t
        print(t.get_name(), repr(r))
    return values
