"""How many examples each fuzz test tried, for the summary at the end of the run."""

from collections import Counter

TRIED: Counter[str] = Counter()
