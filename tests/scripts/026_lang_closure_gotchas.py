"""Classic closure and default-argument behaviour: late binding of loop variables, binding via defaults, a mutable default shared between calls, list += mutating in place through an alias."""
import asyncio


def append_to(x, acc=[]):
    acc.append(x)
    return acc


async def main():
    late = [lambda: i for i in range(3)]
    bound = [lambda i=i: i for i in range(3)]
    print([f() for f in late], [f() for f in bound])
    print(append_to(1), append_to(2), append_to(3, []))
    a = [1, 2]
    b = a
    b += [3]
    t = (1, 2)
    u = t
    u += (3,)
    print(a, b, t, u)
    counts = {'x': 0}
    for ch in 'xyx':
        if ch in counts:
            counts[ch] += 1
        else:
            counts[ch] = 1
    print(counts)
    await asyncio.sleep(0)
