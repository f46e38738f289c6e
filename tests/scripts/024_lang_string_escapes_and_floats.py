"""repr of strings with escapes and non-ASCII text, and repr of very large and very small floats."""
import asyncio


async def main():
    print(repr('tab\there'), repr('new\nline'), repr('back\\slash'), repr('bell\x07'), repr('nul\x00'))
    print(repr('café'), repr('日本'), ['ü', 'quote\'s'], repr(''))
    print(1e22, 1e21, 1e16, 123456789012345678.0, 1.5e-7, 0.0001, 0.00001)
    print(2.0 ** 0.5, 1 / 7, 100.0, 1e100, -2.5e-10, 3.0e-320)
    print(float('inf'), -float('inf'), float('nan'), repr(float('-0')))
    print(str(0.1), repr(0.1 * 3), 1.0 / 3 * 3, 9007199254740993.0)
    await asyncio.sleep(0)
