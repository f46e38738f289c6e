"""@staticmethod and @classmethod: alternative constructors, class-level registries, calls via class and instance."""
import asyncio


class Temperature:
    scale = "C"
    created = []

    def __init__(self, degrees):
        self.degrees = degrees
        Temperature.created.append(degrees)

    @classmethod
    def from_fahrenheit(cls, f):
        return cls(round((f - 32) * 5 / 9, 1))

    @classmethod
    def describe_scale(cls):
        return f"{cls.__name__} uses {cls.scale}"

    @staticmethod
    def is_freezing(degrees):
        return degrees <= 0

    def __repr__(self):
        return f"{type(self).__name__}({self.degrees})"


class Kelvinish(Temperature):
    scale = "K"


async def main():
    t = Temperature.from_fahrenheit(212)
    print(t, t.degrees)
    k = Kelvinish.from_fahrenheit(32)
    print(k, type(k).__name__)
    print(Temperature.describe_scale(), Kelvinish.describe_scale(), k.describe_scale())
    print(Temperature.is_freezing(-1), t.is_freezing(t.degrees))
    await asyncio.sleep(0.2)
    print(Temperature.created)
    f = Temperature.from_fahrenheit
    print(f(50))
