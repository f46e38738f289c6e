"""Concurrent "downloads" feed a Counter; most_common ranks the words."""
import asyncio
from collections import Counter

TEXTS = {
    'page1': 'the cat sat on the mat',
    'page2': 'the dog sat on the log',
    'page3': 'a cat and a dog',
}


async def download(name, words):
    await asyncio.sleep(len(TEXTS[name]) / 100)
    words.update(TEXTS[name].split())
    print(f'{name} counted, total now {words.total()}')


async def main():
    words = Counter()
    await asyncio.gather(*(download(n, words) for n in TEXTS))
    print(words.most_common(3))
    print(words['the'], words['zebra'], sorted(Counter('abracadabra').elements())[:5])
    print(Counter('aab') + Counter('bc'), Counter('aab') - Counter('ab'))
    print(Counter(red=2, blue=1))
