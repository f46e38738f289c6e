"""async with on a class with __aenter__/__aexit__: each await inside them is an await point of the task."""
import asyncio


class Connection:
    def __init__(self, host):
        self.host = host
        self.open = False

    async def __aenter__(self):
        print(f"connecting to {self.host}")
        await asyncio.sleep(0.5)
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print(f"closing {self.host} ({exc_type.__name__ if exc_type else 'clean'})")
        await asyncio.sleep(0.25)
        self.open = False

    async def query(self, sql):
        await asyncio.sleep(1)
        return f"{self.host}: {sql} -> 3 rows"


async def worker(name, host):
    async with Connection(host) as conn:
        print(name, await conn.query("SELECT 1"), conn.open)
    print(name, "closed", conn.open)


async def main():
    await worker("w0", "db0")
    await asyncio.gather(worker("w1", "db1"), worker("w2", "db2"))
    try:
        async with Connection("db3") as c:
            raise RuntimeError("query failed")
    except RuntimeError as e:
        print("RuntimeError:", e, c.open)
