from .leaf import grow
