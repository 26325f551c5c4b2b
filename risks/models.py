"""Risks at every level, their mitigating actions and their escalation route up to the PSB."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.enums import choices
from partnership.models import Block, Organisation, Outcome
from risks.rules import RiskLevel, risk_band, risk_score
from targets.models import Target

ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]


def _one_to_five(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"risk_{field}_1_to_5",
        violation_error_message="Likelihood and impact are scored 1 to 5.",
    )


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        TREATED = "treated", "Being treated"
        TOLERATED = "tolerated", "Tolerated"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    cause = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks_owned",
    )
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="risks"
    )
    level = models.CharField(max_length=12, choices=choices(RiskLevel))
    # Where the risk was raised: de-escalation never takes it below this level.
    home_level = models.CharField(max_length=12, choices=choices(RiskLevel), blank=True)
    # What the risk hangs on: a target, an outcome or a block; a partnership risk hangs on none.
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.CASCADE, related_name="risks"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.CASCADE, related_name="risks"
    )
    block = models.ForeignKey(
        Block, null=True, blank=True, on_delete=models.CASCADE, related_name="risks"
    )
    inherent_likelihood = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    inherent_impact = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    current_likelihood = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    current_impact = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    target_score = models.PositiveSmallIntegerField(null=True, blank=True)
    controls = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # The next review is due by this date (set by each review; overdue after it).
    review_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # One more at each save through the forms: an edit of an older version is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            _one_to_five("inherent_likelihood"),
            _one_to_five("inherent_impact"),
            _one_to_five("current_likelihood"),
            _one_to_five("current_impact"),
            models.CheckConstraint(
                condition=Q(target_score__isnull=True)
                | Q(target_score__gte=1, target_score__lte=25),
                name="risk_target_score_1_to_25",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True, outcome__isnull=True)
                | Q(target__isnull=True, block__isnull=True)
                | Q(outcome__isnull=True, block__isnull=True),
                name="risk_hangs_on_one_object",
                violation_error_message="A risk hangs on one target, outcome or block at most.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.home_level:
            self.home_level = self.level
        super().save(*args, **kwargs)

    @property
    def current_score(self) -> int:
        return risk_score(likelihood=self.current_likelihood, impact=self.current_impact)

    @property
    def inherent_score(self) -> int:
        return risk_score(likelihood=self.inherent_likelihood, impact=self.inherent_impact)

    @property
    def current_band(self):  # noqa: ANN201 - RiskBand
        return risk_band(self.current_score)


class RiskAction(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class Escalation(models.Model):
    """A confirmed move of a risk up (escalation) or down (de-escalation) a level."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="escalations")
    from_level = models.CharField(max_length=12, choices=choices(RiskLevel))
    to_level = models.CharField(max_length=12, choices=choices(RiskLevel))
    reason = models.TextField()
    score = models.PositiveSmallIntegerField(help_text="The current score when it moved.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_level=models.F("to_level")), name="escalation_changes_level"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="escalation_has_reason"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=25), name="escalation_score_1_to_25"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk}: {self.from_level} to {self.to_level}"


class RiskReview(models.Model):
    """A review of a risk: who looked at it, when, the current position they confirmed or
    changed, and when it is next to be reviewed."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(choices=ONE_TO_FIVE)
    note = models.TextField(blank=True)
    next_review_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_review_scored_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(next_review_date__gt=models.F("reviewed_on")),
                name="risk_review_next_after_this",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk} reviewed {self.reviewed_on}"

    @property
    def score(self) -> int:
        return risk_score(likelihood=self.likelihood, impact=self.impact)


class EscalationProposal(models.Model):
    """A proposal, made by the rules when a risk's score crosses its level's threshold, to
    move the risk one level up (or back down), and the receiving level's decision on it.

    At most one proposal per risk is pending. When the risk's score or level changes, a
    pending proposal is withdrawn (and a new one made if the rules still say so), so a
    decision is always taken on the score that the deciding person saw."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting a decision"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn (the score changed)"

    class Direction(models.TextChoices):
        UP = "up", "Escalation"
        DOWN = "down", "De-escalation"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="proposals")
    direction = models.CharField(max_length=4, choices=Direction.choices)
    from_level = models.CharField(max_length=12, choices=choices(RiskLevel))
    to_level = models.CharField(max_length=12, choices=choices(RiskLevel))
    score = models.PositiveSmallIntegerField(help_text="The current score when proposed.")
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(blank=True, help_text="Why it was confirmed or declined.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_level=models.F("to_level")), name="proposal_changes_level"
            ),
            models.UniqueConstraint(
                fields=["risk"],
                condition=Q(status="pending"),
                name="one_pending_proposal_per_risk",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "withdrawn"]) | ~Q(reason=""),
                name="proposal_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.risk}: {self.from_level} to {self.to_level} ({self.status})"
