from util.delay_functions import delay
from util.async_timer import async_timed
