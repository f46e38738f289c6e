print("b starts")
from a import helper_a  # a is partially initialised: helper_a does not exist yet


def helper_b():
    return "b"
