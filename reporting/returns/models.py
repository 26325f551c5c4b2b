"""Rounds of quarterly returns and the returns themselves."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.enums import choices
from partnership.models import Outcome, Period
from targets.rules import Rag


class ReturnRound(models.Model):
    """The collection of quarterly returns for one quarter."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="return_round")
    opens_on = models.DateField()
    due_on = models.DateField()
    closes_on = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period__end_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("due_on"))
                & Q(due_on__lte=models.F("closes_on")),
                name="round_opens_then_due_then_closes",
                violation_error_message="A round opens, then is due, then closes.",
            ),
        ]

    def __str__(self) -> str:
        return f"Returns for {self.period.label}"

    def clean(self) -> None:
        if self.period_id and self.period.is_year:
            raise ValidationError({"period": "A return round is for a quarter, not a year."})


class QuarterlyReturn(models.Model):
    """An outcome lead's return for one quarter: values, commentary and a forecast."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    round = models.ForeignKey(ReturnRound, on_delete=models.CASCADE, related_name="returns")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="returns")
    state = models.CharField(max_length=12, choices=State.choices, default=State.NOT_STARTED)
    returned_reason = models.TextField(blank=True)
    progress_summary = models.TextField(blank=True)
    going_well = models.TextField(blank=True)
    concerns_and_actions = models.TextField(blank=True)
    beyond_our_control = models.TextField(blank=True)
    forecast_rag = models.CharField(max_length=6, choices=choices(Rag), blank=True)
    # Why a value the return collects is missing, by indicator id:
    # {"12": {"reason": "Not yet published", "expected_on": "2026-11-15"}}.
    missing_values = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Incremented by every save; a save that carries an older version is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__block__order", "outcome__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "outcome"], name="one_return_per_outcome"),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(returned_reason=""),
                name="returned_return_has_reason",
                violation_error_message="Say why the return is sent back.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome.code} return for {self.round.period.label}"

    def missing_reason(self, indicator_id: int) -> str:
        """Why the return gives no value for an indicator ("" when it gives no reason)."""
        return (self.missing_values.get(str(indicator_id)) or {}).get("reason", "")
