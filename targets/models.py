"""Targets, their trajectories (milestones) and the action plans behind them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.models import Indicator
from partnership.models import Area, Organisation, Outcome, Period


class Target(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard"
        STRETCH = "stretch", "Stretch"
        STATUTORY = "statutory", "Statutory"
        LOCAL = "local", "Local"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="targets")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    baseline_value = models.DecimalField(max_digits=20, decimal_places=6)
    baseline_period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    target_value = models.DecimalField(max_digits=20, decimal_places=6)
    target_period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    standard_target_value = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="For a stretch target: the target that would have been set without the stretch.",
    )
    reward_grant = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="£ if fully achieved."
    )
    tolerance_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="How far short of the milestone is still amber, as a percentage. Empty: the "
        "partnership's default.",
    )
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets_led",
    )
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="targets_led"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area"], name="one_target_per_area"),
            models.CheckConstraint(
                condition=~Q(kind="stretch") | Q(standard_target_value__isnull=False),
                name="stretch_target_has_standard_target",
                violation_error_message="A stretch target needs the standard target without "
                "the stretch.",
            ),
            models.CheckConstraint(
                condition=Q(reward_grant__isnull=True) | Q(reward_grant__gte=0),
                name="target_reward_grant_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(tolerance_pct__isnull=True)
                | Q(tolerance_pct__gte=0, tolerance_pct__lte=100),
                name="target_tolerance_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator.code} {self.get_kind_display().lower()} target {self.target_period}"
        )

    @property
    def is_stretch(self) -> bool:
        return self.kind == self.Kind.STRETCH

    def clean(self) -> None:
        if (
            self.baseline_period_id
            and self.target_period_id
            and self.target_period.ref <= self.baseline_period.ref
        ):
            raise ValidationError({"target_period": "The target period comes after the baseline."})


class Milestone(models.Model):
    """A point of the trajectory: the value expected at a period."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=6)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target", "period__end_date"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="one_milestone_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator.code} {self.period}: {self.value.normalize():f}"


class Action(models.Model):
    """An action of an outcome's delivery plan, for the outcome as a whole or for some of
    its targets (``targets``, only the outcome's own: checked by ``targets.services``).

    ``status`` and ``progress`` are the action's state now; each quarter's report of them
    is an :class:`ActionUpdate`, written with them in the same transaction.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DELAYED = "delayed", "Delayed"
        COMPLETE = "complete", "Complete"

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="actions")
    targets = models.ManyToManyField(
        Target,
        blank=True,
        related_name="actions",
        help_text="The outcome's targets the action is for; none: the outcome as a whole.",
    )
    description = models.TextField()
    aim = models.TextField(blank=True)
    baseline = models.TextField(blank=True)
    outputs = models.TextField(blank=True)
    expected_outcomes = models.TextField(blank=True, help_text="The outcomes the action aims for.")
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions_led"
    )
    other_partners = models.ManyToManyField(Organisation, blank=True, related_name="actions")
    funding_stream = models.ForeignKey(
        "partnership.FundingStream",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The funding stream the action draws money from, if any.",
    )
    funding_amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The money the action draws from its funding stream.",
    )
    resources = models.TextField(blank=True, help_text="Other resources: staff, buildings, time.")
    monitoring = models.TextField(blank=True, help_text="How progress is monitored.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[other_partners, targets])

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(start_date__lte=models.F("due_date")),
                name="action_starts_before_due",
                violation_error_message="An action starts before it is due.",
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="action_funding_amount_not_negative",
                violation_error_message="The money an action draws cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class FrameworkImport(models.Model):
    """One framework workbook imported (or previewed): who, when, what file, what it did.

    The uploaded bytes are kept so that saving saves exactly the file previewed (its
    checksum is checked again); ``framework_version`` is the framework's fingerprint when
    it was previewed, so a save after the framework has changed is refused. Every outcome,
    indicator, target and milestone it wrote has a history row whose reason names it.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        SAVED = "saved", "Saved"
        REFUSED = "refused", "Refused"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    framework_version = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    # Added, changed and left alone by sheet: {"Indicators": {"added": 2, ...}, ...}.
    counts = models.JSONField(default=dict, blank=True)
    # Why the file was refused, when it was: the first problems, as shown on the preview.
    problems = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Framework import #{self.pk}: {self.file_name}"

    @property
    def change_reason(self) -> str:
        return f"Framework import #{self.pk}: {self.file_name}"[:100]


class ActionUpdate(models.Model):
    """What the lead reported of an action for one quarter: its status and a line of
    progress. One per action per quarter, written by the quarterly return's save."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    progress = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-period__end_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"], name="one_action_update_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.period})"


class DeliveryPlan(models.Model):
    """What the outcome's lead writes of its delivery plan: the evidence for the priority
    (step 2) and the options and what works (step 4), with links. The data (step 1), the
    targets and trajectories (step 3) and the actions (step 5) are read from elsewhere."""

    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="plan")
    evidence = models.TextField(blank=True, help_text="What evidence there is for the priority.")
    options = models.TextField(blank=True, help_text="The options considered, and what works.")
    links = models.TextField(
        blank=True, help_text="Links to the evidence and to what works, one on each line."
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Delivery plan for {self.outcome}"
