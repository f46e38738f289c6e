"""The string module's constants, used to build and check identifiers and passwords."""
import asyncio
import random
import string
from string import ascii_lowercase, digits


async def main():
    print(string.ascii_letters)
    print(string.ascii_uppercase, ascii_lowercase, digits)
    print(string.hexdigits, string.octdigits)
    print(repr(string.punctuation))
    print(repr(string.whitespace), len(string.printable))
    random.seed('passwords')
    alphabet = string.ascii_letters + string.digits + '!?'
    for _ in range(3):
        password = ''.join(random.choice(alphabet) for _ in range(12))
        has_digit = any(c in string.digits for c in password)
        print(password, has_digit, password.strip(string.ascii_lowercase))
    print([c for c in 'Hello, World!' if c in string.punctuation])
    await asyncio.sleep(0)
