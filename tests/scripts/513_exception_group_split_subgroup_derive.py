"""ExceptionGroup is a BaseExceptionGroup; split, subgroup and derive; its str and exceptions."""
async def main():
    eg = ExceptionGroup('g', [ValueError(1), TypeError(2)])
    print(isinstance(eg, BaseExceptionGroup), isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
    try:
        raise eg
    except BaseExceptionGroup as b:
        print('caught', repr(b))
    m, r = eg.split(ValueError)
    print(repr(m), repr(r), repr(eg.subgroup(TypeError)), repr(eg.derive([KeyError(3)])))
    print(str(eg), eg.exceptions)
