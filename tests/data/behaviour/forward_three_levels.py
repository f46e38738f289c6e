"""Cancelling a task awaiting a task awaiting a task: top.cancel() is
forwarded to mid (forwarded_from top), and mid's cancel to leaf
(forwarded_from mid). They finish innermost first: leaf, mid, top, then
main resumes, all at 1.0."""
import asyncio


async def leaf():
    try:
        await asyncio.sleep(10)
    finally:
        print('leaf: finally')


async def mid():
    t = asyncio.create_task(leaf(), name='leaf')
    try:
        return await t
    finally:
        print(f'mid: finally; leaf.cancelled()={t.cancelled()!r}')


async def top():
    t = asyncio.create_task(mid(), name='mid')
    try:
        return await t
    finally:
        print(f'top: finally; mid.cancelled()={t.cancelled()!r}')


async def main():
    t = asyncio.create_task(top(), name='top')
    await asyncio.sleep(1)
    print(f'cancel() -> {t.cancel()!r}')
    try:
        await t
    except asyncio.CancelledError:
        print(f'top cancelled()={t.cancelled()!r}')
