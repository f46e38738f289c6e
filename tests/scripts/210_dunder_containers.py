"""Container dunders: __getitem__/__setitem__/__delitem__/__contains__, KeyError from a custom mapping."""
import asyncio


class Registry:
    def __init__(self):
        self._data = {}

    def __getitem__(self, key):
        if key not in self._data:
            raise KeyError(key)
        return self._data[key]

    def __setitem__(self, key, value):
        print(f"set {key!r} = {value!r}")
        self._data[key] = value

    def __delitem__(self, key):
        print(f"del {key!r}")
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)


class Grid:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, pos):
        x, y = pos
        return self.cells.get((x, y), ".")

    def __setitem__(self, pos, v):
        self.cells[pos] = v


async def main():
    r = Registry()
    r["db"] = "postgres"
    r["cache"] = "redis"
    print(r["db"], "db" in r, "queue" in r, "queue" not in r, len(r))
    del r["db"]
    print("db" in r, len(r))
    try:
        r["db"]
    except KeyError as e:
        print("KeyError:", e)
    r["cache"] += "-cluster"
    print(r["cache"])
    g = Grid()
    g[1, 2] = "#"
    print(g[1, 2], g[0, 0])
    await asyncio.sleep(0.5)
    try:
        Grid()[0] = 1
        del g[1, 2]
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
    try:
        5 in Grid()
    except TypeError as e:
        print("TypeError:", e)
