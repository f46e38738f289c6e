import handlers

handlers_by_name = {}


def register(name, fn):
    handlers_by_name[name] = fn
    print("registered", name, "while handlers is", "ready" if hasattr_ready() else "partial")


def hasattr_ready():
    return handlers.READY


handlers.install()
