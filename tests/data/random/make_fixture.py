"""Writes cpython_streams.txt: CPython's random streams for many seeds.

Regenerate (from the repository root) with:
    PYENV_VERSION=3.13.0 python3 tests/data/random/make_fixture.py > tests/data/random/cpython_streams.txt
The unit test in src/script/stdlib/random.rs replays each line with taskline's generator.
Line format: kind seed | random() x3 | getrandbits(k) for K | randrange(n) for N
(kind is int, or str with the seed in hex of its UTF-8 bytes).
"""
import random

K = [1, 7, 31, 32, 33, 53, 63, 64]
N = [1, 2, 3, 10, 1000, 2**31 + 1, 2**32, 2**40 + 3, 10**18, 2**63 - 1]

seeds = [("int", s) for s in list(range(0, 40)) + [-1, -2, -12345, 2**31, 2**32 - 1, 2**32, 2**32 + 1,
                                                  2**63 - 1, -(2**63), 2**64 - 1, 987654321987654321]]
seeds += [("str", s) for s in ["", "a", "hello", "taskline", "ünïcode ✓", "x" * 100, "seed-" * 40]]

for kind, s in seeds:
    random.seed(s)
    parts = [repr(random.random()) for _ in range(3)]
    parts += [str(random.getrandbits(k)) for k in K]
    parts += [str(random.randrange(n)) for n in N]
    shown = str(s) if kind == "int" else s.encode().hex()
    print(kind, shown, "|", " ".join(parts))
