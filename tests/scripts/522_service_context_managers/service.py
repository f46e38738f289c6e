"""A class-based service: requests share the pool; one request is cancelled mid-query."""
import asyncio

from db import Pool


class UserService:
    def __init__(self, pool: Pool):
        self.pool = pool
        self.handled = 0

    async def get_user(self, user_id: int) -> str:
        async with self.pool.connection() as conn:
            try:
                row = await conn.query(f'SELECT {user_id}')
            except asyncio.CancelledError:
                print(f'request {user_id} cancelled while holding {conn!r}')
                raise
            self.handled += 1
            return row
