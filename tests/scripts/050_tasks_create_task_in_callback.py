"""A done callback starts a follow-up task: the task is created by the loop (no current task) and runs like any other."""
import asyncio

followups = []


async def follow_up(name):
    print('follow-up for', name, 'runs')
    await asyncio.sleep(1)
    return name + '-followed'


def on_done(task):
    followups.append(asyncio.create_task(follow_up(task.get_name()), name='followup'))


async def main():
    t = asyncio.create_task(asyncio.sleep(1, 'x'), name='first')
    t.add_done_callback(on_done)
    await t
    await asyncio.sleep(0)
    print(len(followups), await followups[0])
