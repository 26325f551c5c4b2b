"""Funding streams: the money aligned or pooled behind the partnership's outcomes."""
