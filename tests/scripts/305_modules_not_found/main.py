"""Imports that fail at run time, as in CPython: a module that exists
nowhere (ModuleNotFoundError), a submodule of a module that is not a
package, a name the module does not have (ImportError naming the module's
file), a missing attribute, and `from pkg import submodule`, which imports
the submodule."""
import asyncio
import tools as the_tools


def short(e):
    words = []
    for w in str(e).split(" "):
        if w[1:2] == "/":
            w = w[0] + w.split("/")[-1]
        words.append(w)
    return " ".join(words)


def attempt(which):
    # the imports bind names local to this function
    if which == "nothere":
        import nothere
    elif which == "tools.nothere":
        import tools.nothere
    else:
        import tools.text.deeper


async def main():
    for which in ["nothere", "tools.nothere", "tools.text.deeper"]:
        try:
            attempt(which)
        except ModuleNotFoundError as e:
            print(type(e).__name__, e, isinstance(e, ImportError))
    try:
        import tools.nothere
    except ImportError:
        pass
    try:
        print(tools.VERSION)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    try:
        from tools import missing_name
    except ImportError as e:
        print(type(e).__name__, short(e))
    tools = the_tools
    try:
        print(tools.VERSION, tools.absent)
    except AttributeError as e:
        print(type(e).__name__, e)
    try:
        tools.text
    except AttributeError as e:
        print("not yet imported:", e)
    from tools import text
    print(text.shout("hi"), tools.text is text)
    await asyncio.sleep(0)
