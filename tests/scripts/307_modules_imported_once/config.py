print("config runs")
level = 1
history = []


def bump() -> int:
    global level
    level += 1
    history.append(level)
    return level
