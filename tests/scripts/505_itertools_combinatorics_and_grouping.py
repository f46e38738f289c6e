"""The itertools toolbox around a small simulation: product, permutations, combinations, groupby, accumulate."""
import asyncio
import itertools


async def ping(a, b):
    await asyncio.sleep(0.1)
    return f'{a}->{b}'


async def main():
    hosts = ['a', 'b', 'c']
    pairs = list(itertools.permutations(hosts, 2))
    print(await asyncio.gather(*(ping(a, b) for a, b in itertools.combinations(hosts, 2))))
    print(len(pairs), list(itertools.product([0, 1], repeat=2)))
    print(list(itertools.accumulate([3, 1, 4, 1, 5])), list(itertools.accumulate([3, 1, 4], max)))
    print([(k, len(list(g))) for k, g in itertools.groupby(sorted('mississippi'))])
    print(list(itertools.chain('ab', [1, 2])), list(itertools.chain.from_iterable([[1], [2, 3]])))
    print(list(itertools.zip_longest([1, 2, 3], 'ab', fillvalue=None)), list(itertools.pairwise([1, 2, 4])))
    print(list(itertools.batched('abcdefg', 3)), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
    print(list(itertools.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.compress('abcd', [1, 0, 1, 0])))
    print(list(itertools.starmap(pow, [(2, 5), (3, 2)])), list(itertools.filterfalse(None, [0, 1, '', 'x'])))
    a, b = itertools.tee(iter([1, 2, 3]))
    print(list(a), list(b), list(itertools.combinations_with_replacement('ab', 2)))
