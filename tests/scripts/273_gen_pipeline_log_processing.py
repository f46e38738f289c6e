"""A generator pipeline in the style of David Beazley's tutorial: read lines, filter, parse, aggregate lazily, with the stages interleaving item by item."""
import asyncio

LOG = [
    "GET /index 200 512",
    "GET /missing 404 0",
    "POST /api 200 128",
    "# comment",
    "GET /img 200 2048",
    "GET /bad 500 16",
]


def read(lines):
    for line in lines:
        print("read:", line)
        yield line


def skip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line


def parse(lines):
    for line in lines:
        method, path, status, size = line.split()
        yield {"method": method, "path": path, "status": int(status), "size": int(size)}


def field(records, name):
    return (r[name] for r in records)


async def main():
    records = parse(skip_comments(read(LOG)))
    ok = (r for r in records if r["status"] == 200)
    print("built the pipeline")
    total = sum(field(ok, "size"))
    print("bytes served with 200:", total)
    statuses = sorted(set(field(parse(skip_comments(LOG)), "status")))
    print("statuses:", statuses)
    first_error = next(r["path"] for r in parse(skip_comments(read(LOG))) if r["status"] >= 400)
    print("first error:", first_error)
