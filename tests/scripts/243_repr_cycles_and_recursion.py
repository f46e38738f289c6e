"""Default and custom __repr__ with reference cycles between instances, and a __repr__ that recurses forever."""
import asyncio


class Node:
    def __init__(self, name):
        self.name = name
        self.links = []

    def __repr__(self):
        return f"Node({self.name}, links={self.links})"


class Loop:
    def __repr__(self):
        return "Loop(" + repr(self) + ")"


async def main():
    a, b = Node("a"), Node("b")
    a.links.append(b)
    print(a)
    b.links.append(a)
    print(a)
    print([a, b])
    try:
        repr(Loop())
    except RecursionError as e:
        print("RecursionError:", str(e)[:32])
    await asyncio.sleep(0)
    a.links.clear()
    print(b)
