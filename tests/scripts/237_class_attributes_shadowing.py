"""Class attributes versus instance attributes: shadowing, shared mutable class state, class-level mutation."""
import asyncio


class Config:
    retries = 3
    hosts = []
    debug = False

    def enable_debug(self):
        self.debug = True

    def add_host(self, h):
        self.hosts.append(h)


class Child(Config):
    retries = 5


async def main():
    a, b = Config(), Config()
    a.enable_debug()
    print(a.debug, b.debug, Config.debug, "debug" in a.__dict__, "debug" in b.__dict__)
    a.add_host("x")
    b.add_host("y")
    print(Config.hosts, a.hosts is b.hosts)
    Config.retries = 4
    print(a.retries, b.retries, Child.retries, Child().retries)
    b.retries = 9
    del b.retries
    print(b.retries)
    try:
        del b.retries
    except AttributeError as e:
        print("AttributeError:", e)
    Child.extra = "added later"
    print(Child().extra, hasattr(Config, "extra"))
    await asyncio.sleep(0.1)
    try:
        Config.missing
    except AttributeError as e:
        print("AttributeError:", e)
