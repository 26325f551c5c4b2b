"""What makes the public pages read afresh: a return saved (approved, or reopened), a
round saved (closed), an indicator or target saved (published, withdrawn, changed).

``public`` listens to the models below it, so ``reporting`` never imports ``public``.
The bump waits for the change to commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from indicators.models import Indicator
from public import cache
from reporting.returns.models import QuarterlyReturn, ReturnRound
from targets.models import Target

WATCHED = (QuarterlyReturn, ReturnRound, Indicator, Target)


def _changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(cache.bump)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-bump-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"public-bump-del-{model.__name__}"
        )
