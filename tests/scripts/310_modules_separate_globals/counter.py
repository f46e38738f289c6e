count = 100
name = "counter module"


def increment() -> int:
    global count
    count += 1
    return count


def whose_name() -> str:
    return name
