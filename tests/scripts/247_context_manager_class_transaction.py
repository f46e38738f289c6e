"""A transaction context manager class: commit on success, rollback on error, used by concurrent tasks."""
import asyncio


class Database:
    def __init__(self):
        self.rows = {}
        self.log = []

    def transaction(self):
        return Transaction(self)


class Transaction:
    def __init__(self, db):
        self.db = db
        self.pending = {}

    def __enter__(self):
        self.db.log.append("begin")
        return self

    def set(self, k, v):
        self.pending[k] = v

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.db.rows.update(self.pending)
            self.db.log.append("commit")
        else:
            self.db.log.append(f"rollback ({exc})")
        return False


async def writer(db, key, value, fail):
    await asyncio.sleep(0.5)
    with db.transaction() as tx:
        tx.set(key, value)
        if fail:
            raise ValueError(f"bad value for {key}")
    return key


async def main():
    db = Database()
    results = await asyncio.gather(
        writer(db, "a", 1, False), writer(db, "b", 2, True), writer(db, "c", 3, False), return_exceptions=True
    )
    print(results)
    print(db.rows, db.log)
