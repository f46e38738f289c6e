print("pkg.first runs; pkg is partial:", __name__)
import pkg
try:
    pkg.first
except AttributeError as e:
    print("during its own import:", e.__class__.__name__)
from pkg import second
