from util.delay_functions import delay
from .helpers import fmt
print("util loaded as", __name__)
