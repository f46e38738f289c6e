"""Graceful shutdown: services are cancelled in reverse start order, each one's cleanup runs, statuses are reported."""
import asyncio


class ServiceError(Exception):
    pass


async def service(name, fail_at):
    print(name, 'up')
    try:
        n = 0
        while True:
            await asyncio.sleep(1)
            n += 1
            if n == fail_at:
                raise ServiceError(f'{name} crashed')
    finally:
        print(name, 'down')


async def main():
    names = ['db', 'cache', 'web']
    services = [asyncio.create_task(service(n, 2 if n == 'cache' else 0), name=n) for n in names]
    await asyncio.sleep(3.5)
    for t in reversed_list(services):
        t.cancel('shutdown')
    for t in services:
        try:
            await t
            status = 'finished'
        except asyncio.CancelledError as e:
            status = f'cancelled ({e})'
        except ServiceError as e:
            status = f'failed: {e}'
        print(f'{t.get_name():<6}|{status}')


def reversed_list(xs):
    return [xs[i] for i in range(len(xs) - 1, -1, -1)]
