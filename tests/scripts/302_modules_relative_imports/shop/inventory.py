stock = {"apple": 3, "pear": 1}


def take(item: str, n: int = 1) -> bool:
    if stock.get(item, 0) < n:
        return False
    stock[item] -= n
    return True
