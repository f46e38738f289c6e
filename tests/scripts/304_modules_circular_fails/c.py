import d
VALUE = d.OTHER + 1
