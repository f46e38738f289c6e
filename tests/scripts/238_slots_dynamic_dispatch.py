"""__slots__ declarations, dynamic dispatch with getattr/setattr, __class__.__name__ in messages."""
import asyncio


class Message:
    __slots__ = ("kind", "body")

    def __init__(self, kind, body):
        self.kind = kind
        self.body = body


class Handler:
    def on_ping(self, msg):
        return "pong"

    def on_echo(self, msg):
        return msg.body

    async def on_slow(self, msg):
        await asyncio.sleep(0.5)
        return f"slow {msg.body}"

    def dispatch(self, msg):
        method = getattr(self, "on_" + msg.kind, None)
        if method is None:
            return f"{self.__class__.__name__} cannot handle {msg.kind!r}"
        return method(msg)


async def main():
    h = Handler()
    for kind, body in [("ping", ""), ("echo", "hi"), ("nope", "")]:
        print(h.dispatch(Message(kind, body)))
    print(await h.dispatch(Message("slow", "job")))
    m = Message("a", "b")
    for field in Message.__slots__:
        setattr(m, field, field.upper())
    print(m.kind, m.body, callable(getattr(h, "on_ping")), hasattr(h, "on_pong"))
