"""The read-only API: the same indicators and values the pages read, by the same rules."""
