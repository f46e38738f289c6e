"""A plugin registry built with a class decorator and a classmethod factory; plugins run as tasks."""
import asyncio


class Plugin:
    registry = {}

    def __init__(self, config):
        self.config = config

    @classmethod
    def register(cls, name):
        def deco(sub):
            cls.registry[name] = sub
            sub.plugin_name = name
            return sub
        return deco

    @classmethod
    def create(cls, name, config=None):
        if name not in cls.registry:
            raise KeyError(f"unknown plugin {name!r}")
        return cls.registry[name](config or {})

    async def run(self):
        raise NotImplementedError(f"{type(self).__name__}.run")


@Plugin.register("clock")
class Clock(Plugin):
    async def run(self):
        for i in range(self.config.get("ticks", 2)):
            await asyncio.sleep(1)
            print(self.plugin_name, "tick", i)
        return "clock done"


@Plugin.register("noop")
class Noop(Plugin):
    pass


async def main():
    print(sorted(Plugin.registry), Clock.plugin_name)
    clock = Plugin.create("clock", {"ticks": 3})
    t = asyncio.create_task(clock.run())
    print(await t)
    try:
        await Plugin.create("noop").run()
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    try:
        Plugin.create("bogus")
    except KeyError as e:
        print("KeyError:", e)
