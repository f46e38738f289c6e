"""Multiple inheritance: C3 MRO, cooperative super() in a diamond, mixins, and an inconsistent MRO."""
import asyncio


class LoggerMixin:
    def log(self, msg):
        print(f"[{type(self).__name__}] {msg}")


class A:
    def hello(self):
        return ["A"]


class B(A):
    def hello(self):
        return ["B"] + super().hello()


class C(A):
    def hello(self):
        return ["C"] + super().hello()


class D(B, C):
    def hello(self):
        return ["D"] + super().hello()


class Service(LoggerMixin, D):
    pass


async def main():
    print(D().hello())
    print([k.__name__ for k in D.__mro__])
    s = Service()
    s.log("started")
    print([k.__name__ for k in Service.__mro__])
    print(isinstance(s, LoggerMixin), isinstance(s, A), issubclass(Service, C))
    await asyncio.sleep(0.5)
    try:
        class Bad(A, B):
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        class Twice(A, A):
            pass
    except TypeError as e:
        print("TypeError:", e)
