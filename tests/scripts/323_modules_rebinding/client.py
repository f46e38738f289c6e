import util
from util import delay as bound_delay


async def through_module(s):
    return await util.delay(s)


async def through_name(s):
    return await bound_delay(s)
