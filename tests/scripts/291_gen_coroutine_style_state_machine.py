"""A generator as a push-driven state machine (the classic "coroutine" pattern): a tokenizer fed character by character, sending tokens to a sink generator."""
import asyncio


def sink(name):
    try:
        while True:
            token = yield
            print(name, "<-", repr(token))
    finally:
        print(name, "closed")


def tokenizer(target):
    word = ""
    try:
        while True:
            ch = yield
            if ch.isalpha():
                word += ch
            else:
                if word:
                    target.send(word)
                    word = ""
                if not ch.isspace():
                    target.send(ch)
    finally:
        if word:
            target.send(word)
        target.close()


async def main():
    out = sink("tokens")
    next(out)
    tok = tokenizer(out)
    next(tok)
    for ch in "let x = foo(bar, 42)":
        tok.send(ch)
        await asyncio.sleep(0)
    tok.close()
    print("fed everything")
