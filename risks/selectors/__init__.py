"""Reads of the risk register: the register with its heat map, and a risk's page."""
