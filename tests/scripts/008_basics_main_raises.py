"""main itself raises after an await: the exception is main's outcome in the trace."""
import asyncio


async def main():
    print('about to fail')
    await asyncio.sleep(1)
    raise RuntimeError('main failed')
