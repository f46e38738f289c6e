print("pkg.second runs")
VALUE = 2
