from util.delay_functions import delay
