"""Exception subclasses with bodies: __init__ calling super().__init__, extra attributes, __str__, hierarchies."""
import asyncio


class AppError(Exception):
    """Base error of the app."""


class HttpError(AppError):
    def __init__(self, status, reason):
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason

    @property
    def retryable(self):
        return self.status >= 500


class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field

    def __str__(self):
        return f"invalid {self.field}: {self.args[1]}"


class QuietError(Exception):
    def __init__(self, code):
        self.code = code


async def request(status):
    await asyncio.sleep(0.5)
    if status >= 400:
        raise HttpError(status, "Bad Gateway" if status == 502 else "Not Found")
    return "ok"


async def main():
    for status in (200, 404, 502):
        try:
            print(await request(status))
        except HttpError as e:
            print("HttpError", e, e.status, e.retryable, e.args, repr(e))
    try:
        raise ValidationError("email", "missing @")
    except AppError as e:
        print(type(e).__name__, str(e), e.field, e.args, isinstance(e, Exception))
    try:
        raise QuietError(7)
    except QuietError as e:
        print("QuietError", repr(str(e)), e.code, e.args)
    print(issubclass(HttpError, AppError), HttpError.__mro__[1].__name__)
    await request(502)
