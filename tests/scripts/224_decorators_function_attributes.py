"""Function objects carry attributes: __name__, __qualname__, __doc__, __module__, __wrapped__, custom ones."""
import asyncio
import functools


def tagged(**tags):
    def deco(func):
        for k, v in tags.items():
            setattr(func, k, v)
        func.calls = 0
        return func
    return deco


@tagged(role="admin", retries=3)
def handler(request):
    """Handles a request."""
    handler.calls += 1
    return f"handled {request}"


def documented(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        """Wrapper docs."""
        return func(*args, **kwargs)
    return wrapper


@documented
def compute(x):
    """Computes things."""
    return x + 1


def undocumented(func):
    def wrapper(*args, **kwargs):
        """Wrapper docs."""
        return func(*args, **kwargs)
    return wrapper


@undocumented
def other(x):
    """Other docs."""
    return x


async def main():
    print(handler("r1"), handler("r2"), handler.calls, handler.role, handler.retries)
    print(handler.__name__, handler.__doc__, handler.__module__ in ("__main__", "scenario"))
    print(compute(1), compute.__name__, compute.__doc__, compute.__wrapped__.__doc__)
    print(other.__name__, other.__doc__, hasattr(other, "__wrapped__"))
    print(getattr(handler, "missing", None), compute.__dict__ == {"__wrapped__": compute.__wrapped__})
    await asyncio.sleep(0)
    try:
        handler.nope
    except AttributeError as e:
        print("AttributeError:", e)
    del handler.role
    print(hasattr(handler, "role"))
