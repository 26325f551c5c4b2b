"""The scorecards kept: the targets of a quarter judged on approved values.

What :func:`reporting.scorecard.selectors.scorecard` judges on approved values alone is
the same for everyone who may use the site (approved values are theirs to see), so it is
read once for a quarter, a day and a block (or all) and kept in Django's cache (Redis
with ``REDIS_URL``). The outcomes' returns, whose drafts only some may read, are never
kept: they are read for each person and joined to the kept rows.

Anything a judged row reads bumps the version (:mod:`reporting.scorecard.signals`):
approved values changed, an indicator, target, milestone, outcome, block, partner, area,
action or a person's name saved. An entry is kept no longer than ``TIMEOUT`` though
nothing bumped it (a change written around the models, ``QuerySet.update``).
"""

from __future__ import annotations

from partnership.cache import Versioned

TIMEOUT = 600
SCORECARDS = Versioned("scorecard", timeout=TIMEOUT)
