"""Builders of the demo partnership (``demo.build_demo``) and of the national benchmark
data set (``benchmark.build_national``): plain functions with keyword-only arguments, called
by the thin ``load_demo`` command. Pure planning (``series``, ``dates``, ``commentary``)
is kept apart from the functions that write rows.
"""
