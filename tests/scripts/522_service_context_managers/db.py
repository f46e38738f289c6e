"""A fake connection pool with async context managers."""
import asyncio
from contextlib import asynccontextmanager


class Connection:
    def __init__(self, pool, number):
        self.pool = pool
        self.number = number

    async def query(self, sql):
        await asyncio.sleep(0.2)
        return f'{sql} via conn{self.number}'

    def __repr__(self):
        return f'<Connection {self.number}>'


class Pool:
    def __init__(self, size):
        self.free = [Connection(self, n) for n in range(size)]
        self.available = asyncio.Semaphore(size)
        self.log = []

    async def __aenter__(self):
        print('pool opened')
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print(f'pool closed ({exc_type.__name__ if exc_type else "cleanly"})')
        return False

    @asynccontextmanager
    async def connection(self):
        async with self.available:
            conn = self.free.pop()
            self.log.append(('acquire', conn.number))
            try:
                yield conn
            finally:
                self.free.append(conn)
                self.log.append(('release', conn.number))
