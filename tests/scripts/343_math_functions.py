"""math: constants, roots, logs, rounding to ints, trigonometry, as CPython prints them."""
import asyncio
import math
from math import pi, sqrt, floor, ceil


async def main():
    print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
    print(sqrt(2), sqrt(16), math.sqrt(0.25), math.hypot(3, 4), math.hypot(), math.hypot(1, 2, 2))
    print(floor(2.7), ceil(2.1), math.trunc(-2.7), floor(-2.5), ceil(-2.5), floor(7), type(floor(2.5)).__name__)
    print(math.log(math.e), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(0.001), math.exp(1), math.exp(0))
    print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 3), math.fabs(-3), math.fabs(2.5))
    print(math.sin(pi / 2), math.cos(0), math.tan(pi / 4), math.atan2(1, 1), math.asin(1), math.acos(1), math.atan(1))
    print(math.degrees(pi), math.radians(180), math.degrees(1))
    print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
    print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-12, abs_tol=1e-9))
    print(math.isclose(math.inf, math.inf), math.isclose(math.inf, 1e308), math.isclose(5, 5))
    await asyncio.sleep(0)
