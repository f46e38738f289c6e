"""Fuzzer reproducer: comparing self-referential containers with themselves
(CPython: True, by identity; taskline recursed until the stack overflowed)."""
import asyncio


async def main():
    x = []
    x.append(x)
    print(x, x == x)
    d = {}
    d['d'] = d
    print(d, d == d)


asyncio.run(main())
