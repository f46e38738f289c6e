from util.async_timer import async_timed
from util.delay_functions import delay
