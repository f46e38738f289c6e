"""A suspended generator is closed when its last reference goes (reassignment, del, end of a function): its finally runs at that moment, as CPython's reference counting does."""
import asyncio


def resource(name):
    print("open", name)
    try:
        yield f"{name}-data"
        yield f"{name}-more"
    finally:
        print("close", name)


def first_item(name):
    return next(resource(name))


async def main():
    r = resource("one")
    print(next(r))
    print("reassigning")
    r = resource("two")
    print("reassigned")
    print(next(r))
    del r
    print("deleted")
    print(first_item("three"))
    never_started = resource("four")
    del never_started
    print("unstarted generators run nothing")
    done = resource("five")
    print(list(done))
    del done
    await asyncio.sleep(0)
