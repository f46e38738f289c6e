def use() -> str:
    return "namespace package module"
