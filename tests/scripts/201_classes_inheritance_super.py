"""Inheritance: overriding, super().__init__ and super() chains through a three-level hierarchy."""
import asyncio


class Base:
    def __init__(self, name):
        print(f"Base.__init__({name!r})")
        self.name = name

    def describe(self):
        return f"Base({self.name})"

    def greet(self):
        return "hello from " + self.describe()


class Middle(Base):
    def __init__(self, name, level):
        print(f"Middle.__init__({name!r}, {level})")
        super().__init__(name)
        self.level = level

    def describe(self):
        return f"Middle<{super().describe()}, level={self.level}>"


class Leaf(Middle):
    def __init__(self, name, level, tag):
        print("Leaf.__init__ start")
        super().__init__(name, level)
        self.tag = tag
        print("Leaf.__init__ end")

    def describe(self):
        return f"Leaf[{super().describe()}, tag={self.tag}]"


async def main():
    leaf = Leaf("x", 2, "t")
    print(leaf.describe())
    print(leaf.greet())
    print(isinstance(leaf, Base), isinstance(leaf, Middle), issubclass(Leaf, Base), issubclass(Base, Leaf))
    print([c.__name__ for c in Leaf.__mro__])
    print(Leaf.__bases__[0].__name__, Middle.__bases__[0].__name__)
    m = Middle("m", 1)
    await asyncio.sleep(0)
    print(m.describe(), Base.describe(m))
    print(super(Leaf, leaf).describe())
