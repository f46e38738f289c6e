import selfish  # a module importing itself gets itself, partially initialised

print("selfish runs; sees itself:", selfish.__name__)
value = 42
