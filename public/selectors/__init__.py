"""Reads for the public pages: only what :func:`partnership.access.public_values` allows.

``quarters`` the latest quarter whose round has closed, ``home`` the priorities and blocks
with their published indicators, ``indicator`` one published indicator's page,
``open_data`` every published value (CSV, JSON) and the published quarters (the feed).
"""
