print("a starts")
from b import helper_b


def helper_a():
    return "a"
