from util.async_timer import elapsed
from util.delay_functions import delay
