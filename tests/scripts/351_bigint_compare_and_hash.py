"""Big ints compare exactly with ints and floats, hash as CPython, and work as dict and set keys."""
import asyncio


async def main():
    print(2**70 == 2.0**70, 2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 10**20 > 1e20, 10**20 < 1e300, 2**100 < float('inf'))
    print(-2**100 < -1e30, 2**64 == 2**64, 2**64 != 2**64 + 1, 2**64 > 2**63, -2**64 < -2**63, 2**100 > 1.5)
    print(max(2**100, 3.0, 2**99), min(-2**70, -1e30), sorted([2**70, -2**70, 0, 1.5, 2**64, 1e19]))
    print(hash(2**100), hash(-1), hash(2**61 - 1), hash(-(2**61)), hash(2**64), hash(-2**64), hash(10**30))
    print(hash(1.5), hash(-0.25), hash(1e20), hash(2**100) == hash(float(2**100)))
    d = {2**100: 'big', 1e20: 'float', 5: 'small'}
    print(d[2**100], d[10**20], d[5.0], 2**100 in d, 2**100 + 1 in d)
    s = {2**64, 2**64, 2.0**64, -2**64}
    print(len(s), 2**64 in s)
    print(isinstance(2**100, int), type(2**100).__name__, bool(2**100), bool(2**100 - 2**100))
    await asyncio.sleep(0)
