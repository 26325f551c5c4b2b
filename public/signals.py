"""What makes the public pages read afresh: values approved or their approval taken back
(a return approved or reopened) or an import saved (``approved_values_changed``), a round
saved (closed), an indicator or target saved (published, withdrawn, changed). A draft
saved changes nothing public, and keeps the pages kept.

``public`` listens to the apps below it, so ``reporting`` never imports ``public``.
The bump waits for the change to commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from indicators.models import Indicator
from indicators.signals import approved_values_changed
from public import cache
from reporting.returns.models import ReturnRound
from targets.models import Target

WATCHED = (ReturnRound, Indicator, Target)


def _changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(cache.bump)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-bump-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"public-bump-del-{model.__name__}"
        )
    approved_values_changed.connect(_changed, dispatch_uid="public-bump-approved-values")
