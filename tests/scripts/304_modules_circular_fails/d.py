import c
OTHER = c.VALUE  # c is partially initialised: no VALUE yet
