def fmt(x) -> str:
    return f"<{x}>"
