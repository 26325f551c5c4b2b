"""The base of the framework: partners, places, blocks, outcomes, people and periods.

Nothing here depends on another app of ours. The indicator scope of a role assignment
refers to ``indicators.Indicator`` by name only (no import), so the dependency of the
code still runs downward.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnership.people import display_name
from partnership.periods import PERIOD_CODE_PATTERN, PeriodError
from partnership.periods import Period as PeriodRef


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        FIRE = "fire", "Fire and rescue"
        PROBATION = "probation", "Probation"
        EDUCATION = "education", "Education"
        HOUSING = "housing", "Housing"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        BUSINESS = "business", "Business"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", "Partnership area"
        SUB_AREA = "sub_area", "Sub-area"
        COMPARATOR = "comparator", "Comparator area"
        REGION = "region", "Region"
        ENGLAND = "england", "England"

    code = models.CharField(max_length=20, unique=True, help_text="ONS GSS code where one exists.")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="partnership"),
                name="one_partnership_area",
                violation_error_message="There is already a partnership area.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Period(models.Model):
    """A financial year (``2025-26``) or quarter (``2025-26-Q2``); see ``periods.Period``."""

    code = models.CharField(max_length=10, unique=True)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["end_date", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=PERIOD_CODE_PATTERN),
                name="period_code_well_formed",
                violation_error_message="A period code is 2025-26 for a year or 2025-26-Q2.",
            ),
            models.CheckConstraint(
                condition=Q(start_date__lt=models.F("end_date")), name="period_starts_before_end"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def ref(self) -> PeriodRef:
        return PeriodRef.parse(self.code)

    @property
    def is_year(self) -> bool:
        return "-Q" not in self.code

    @property
    def label(self) -> str:
        return self.ref.label

    def clean(self) -> None:
        try:
            ref = PeriodRef.parse(self.code)
        except PeriodError as error:
            raise ValidationError({"code": str(error)}) from error
        if (self.start_date, self.end_date) != (ref.start_date, ref.end_date):
            raise ValidationError(f"{self.code} runs from {ref.start_date} to {ref.end_date}.")


class Block(models.Model):
    """A theme of the partnership with its own partnership board."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    """A cross-cutting priority of the Public Service Board."""

    title = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Outcome(models.Model):
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="outcomes")
    code = models.CharField(max_length=20, unique=True, help_text="For example CYP 2.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes_led",
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="outcomes_led"
    )
    contributing_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="outcomes_contributed_to"
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="outcomes")
    history = HistoricalRecords(m2m_fields=[contributing_organisations, priorities])

    class Meta:
        ordering = ["block__order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class FundingStream(models.Model):
    class Kind(models.TextChoices):
        ALIGNED = "aligned", "Aligned"
        POOLED = "pooled", "Pooled"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    block = models.ForeignKey(
        Block, null=True, blank=True, on_delete=models.CASCADE, related_name="funding_streams"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.CASCADE, related_name="funding_streams"
    )
    provider = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # One more at each save through the funding pages: an edit of an older version is refused.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(block__isnull=False, outcome__isnull=True)
                | Q(block__isnull=True, outcome__isnull=False),
                name="funding_stream_for_block_or_outcome",
                violation_error_message="A funding stream is linked to a block or an outcome.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class FundingAmount(models.Model):
    stream = models.ForeignKey(FundingStream, on_delete=models.CASCADE, related_name="amounts")
    year = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "year"], name="one_amount_per_stream_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.stream} {self.year}: £{self.amount:,.2f}"

    def clean(self) -> None:
        if self.year_id and not self.year.is_year:
            raise ValidationError({"year": "Funding is set per financial year, not per quarter."})


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return display_name(self.user)


class Role(models.TextChoices):
    OUTCOME_LEAD = "outcome_lead", "Outcome lead"
    INDICATOR_LEAD = "indicator_lead", "Indicator lead"
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    BOARD_MEMBER = "board_member", "Partnership board member"
    PSB_MEMBER = "psb_member", "Public Service Board member"
    SCRUTINY = "scrutiny", "Scrutiny"
    ADMINISTRATOR = "administrator", "Administrator"


# The scope each role may have; no scope means the whole partnership.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.OUTCOME_LEAD: frozenset({"outcome"}),
    Role.INDICATOR_LEAD: frozenset({"indicator"}),
    Role.PERFORMANCE_OFFICER: frozenset({"partnership", "organisation"}),
    Role.BOARD_MEMBER: frozenset({"block"}),
    Role.PSB_MEMBER: frozenset({"partnership"}),
    Role.SCRUTINY: frozenset({"partnership", "block"}),
    Role.ADMINISTRATOR: frozenset({"partnership"}),
}


def _role_scope_condition() -> Q:
    """The database's copy of ROLE_SCOPES: each role only with a scope it allows."""
    scopes = {
        "partnership": Q(block__isnull=True, outcome__isnull=True, indicator__isnull=True)
        & Q(organisation__isnull=True),
        "block": Q(block__isnull=False),
        "outcome": Q(outcome__isnull=False),
        "indicator": Q(indicator__isnull=False),
        "organisation": Q(organisation__isnull=False),
    }
    condition = Q()
    for role, allowed in ROLE_SCOPES.items():
        either = Q()
        for scope in sorted(allowed):
            either |= scopes[scope]
        condition |= Q(role=role) & either
    return condition


class RoleAssignment(models.Model):
    """A person's role, over the whole partnership or one block, outcome, indicator or partner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    block = models.ForeignKey(Block, null=True, blank=True, on_delete=models.CASCADE)
    outcome = models.ForeignKey(Outcome, null=True, blank=True, on_delete=models.CASCADE)
    indicator = models.ForeignKey(
        "indicators.Indicator", null=True, blank=True, on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    history = HistoricalRecords()

    SCOPE_FIELDS = ("block", "outcome", "indicator", "organisation")

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(block__isnull=True, outcome__isnull=True, indicator__isnull=True)
                    | Q(block__isnull=True, outcome__isnull=True, organisation__isnull=True)
                    | Q(block__isnull=True, indicator__isnull=True, organisation__isnull=True)
                    | Q(outcome__isnull=True, indicator__isnull=True, organisation__isnull=True)
                ),
                name="role_has_at_most_one_scope",
                violation_error_message="A role is scoped to one block, outcome, indicator or "
                "partner at most.",
            ),
            models.CheckConstraint(
                condition=_role_scope_condition(),
                name="role_has_a_scope_it_allows",
                violation_error_message="This role cannot have this scope.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.scope_label})"

    @property
    def scope_kind(self) -> str:
        for field in self.SCOPE_FIELDS:
            if getattr(self, f"{field}_id") is not None:
                return field
        return "partnership"

    @property
    def scope_label(self) -> str:
        kind = self.scope_kind
        return "whole partnership" if kind == "partnership" else str(getattr(self, kind))

    def clean(self) -> None:
        allowed = ROLE_SCOPES.get(self.role, frozenset())
        if self.scope_kind not in allowed:
            names = ", ".join(sorted(allowed)).replace("partnership", "whole partnership")
            role = self.get_role_display().lower()
            article = "An" if role[0] in "aeiou" else "A"
            raise ValidationError(f"{article} {role} is scoped to: {names}.")
