def grow(x: int) -> int:
    return x + 1
