"""@property getters and setters with validation raising ValueError, read-only properties and deleters."""
import asyncio


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = 0
        self.balance = balance

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError(f"balance cannot be negative: {value}")
        self._balance = value

    @property
    def summary(self):
        return f"{self.owner}: {self._balance}"

    @property
    def nickname(self):
        return getattr(self, "_nick", "none")

    @nickname.setter
    def nickname(self, v):
        self._nick = v

    @nickname.deleter
    def nickname(self):
        print("deleting nickname")
        del self._nick


async def main():
    a = Account("ann", 10)
    print(a.balance, a.summary)
    a.balance = 25
    print(a.balance)
    try:
        a.balance = -5
    except ValueError as e:
        print("ValueError:", e)
    print(a.balance)
    try:
        a.summary = "x"
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        Account("bob", -1)
    except ValueError as e:
        print("ValueError:", e)
    await asyncio.sleep(0.1)
    a.nickname = "annie"
    print(a.nickname)
    del a.nickname
    print(a.nickname)
    try:
        del a.summary
    except AttributeError as e:
        print("AttributeError:", e)
    print(type(Account.balance).__name__)
