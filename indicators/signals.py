"""Signals the indicators app sends, for the apps above it to act on (the public pages and
the scorecards read afresh); ``indicators`` never imports them."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

# Sent inside the transaction that may have changed which values are approved: values
# approved or their approval taken back (a return approved or reopened), an import saved
# (published data is approved as it is imported), or an approved value saved or deleted
# one by one (the admin). No arguments.
approved_values_changed = Signal()


def _value_written(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.is_approved:
        approved_values_changed.send(sender=sender)


def connect() -> None:
    """An approved value saved or deleted one by one is a change of approved values (a
    draft saved is not: it changes nothing anyone but its writers sees)."""
    from indicators.models import IndicatorValue

    post_save.connect(_value_written, sender=IndicatorValue, dispatch_uid="approved-value-saved")
    post_delete.connect(
        _value_written, sender=IndicatorValue, dispatch_uid="approved-value-deleted"
    )
