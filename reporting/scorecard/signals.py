"""What makes the kept scorecards (:mod:`reporting.scorecard.cache`) read afresh.

Every model a judged row reads, saved or deleted; approved values changed
(``approved_values_changed``: approvals, imports, an approved value saved); an action's
targets changed; a person's name changed (a sign-in, which saves the time of it, is not).
The bump is made at once and again once the change commits.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from indicators.models import Indicator
from indicators.signals import approved_values_changed
from partnership.models import Area, Block, Organisation, Outcome
from reporting.scorecard.cache import SCORECARDS
from targets.models import Action, Milestone, Target

WATCHED = (Indicator, Target, Milestone, Outcome, Block, Organisation, Area, Action)


def _changed(sender: Any, **kwargs: Any) -> None:
    SCORECARDS.bump_now_and_on_commit()


def _person_saved(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is None or set(update_fields) - {"last_login"}:
        SCORECARDS.bump_now_and_on_commit()


def connect() -> None:
    for model in WATCHED:
        name = model.__name__
        post_save.connect(_changed, sender=model, dispatch_uid=f"scorecard-saved-{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"scorecard-deleted-{name}")
    m2m_changed.connect(
        _changed, sender=Action.targets.through, dispatch_uid="scorecard-action-targets"
    )
    post_save.connect(_person_saved, sender=get_user_model(), dispatch_uid="scorecard-person")
    approved_values_changed.connect(_changed, dispatch_uid="scorecard-approved-values")
