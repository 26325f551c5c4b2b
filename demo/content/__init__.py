"""What the fictional Anycity Partnership is made of, as plain data.

Every name, code and figure here is made up, except the National Indicator codes and
titles, which come from ``demo/data/national_indicators.csv``. The builders in
``demo.builders`` turn this into rows.
"""
