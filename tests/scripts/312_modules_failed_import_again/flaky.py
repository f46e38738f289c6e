import settings

print("flaky runs, attempt", settings.attempts)
settings.attempts += 1
if settings.attempts < 3:
    raise RuntimeError(f"flaky failed on attempt {settings.attempts}")
ready = True
