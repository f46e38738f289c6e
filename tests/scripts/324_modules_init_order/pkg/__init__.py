def hasattr_first():
    try:
        first
        return True
    except NameError:
        return False


print("pkg/__init__ starts")
import pkg.first
print("pkg/__init__: first bound?", hasattr_first())
print("pkg/__init__ ends")
