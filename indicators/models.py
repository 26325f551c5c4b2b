"""Indicators and their values: one row per indicator, area and period (one entry, many uses)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace
from simple_history.models import HistoricalRecords

from indicators.enums import (
    UNITS_WITH_PARTS,
    Accumulation,
    Frequency,
    Polarity,
    Unit,
    ValueStatus,
    choices,
)
from partnership.models import Area, Organisation, Outcome, Period


class Indicator(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", "National"
        LOCAL = "local", "Local"

    code = models.CharField(
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9 ]*$", "Use letters, digits and spaces.")
        ],
        help_text="For example NI 116 or L 07.",
    )
    # The address of the indicator page: ``NI 116`` is ``ni-116``.
    slug = models.GeneratedField(
        expression=Lower(Replace("code", Value(" "), Value("-"))),
        output_field=models.CharField(max_length=20),
        db_persist=True,
        unique=True,
    )
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    unit = models.CharField(max_length=12, choices=choices(Unit))
    rate_per = models.PositiveIntegerField(
        null=True, blank=True, help_text="For a rate: per how many (1000, 100000)."
    )
    decimal_places = models.PositiveSmallIntegerField(default=1, validators=[MaxValueValidator(6)])
    polarity = models.CharField(max_length=8, choices=choices(Polarity))
    frequency = models.CharField(max_length=10, choices=choices(Frequency))
    accumulation = models.CharField(max_length=10, choices=choices(Accumulation))
    data_source = models.CharField(max_length=200, blank=True)
    # The indicator's id in OHID Fingertips, so that a Fingertips download maps to it.
    # A change of process recorded by the performance team for its SPC chart (partnership
    # area): new limits from this quarter on (a code such as 2026-27-Q1), and/or limits
    # fixed from each part's first N points, with why; history keeps who and when.
    spc_rebased_from = models.CharField(max_length=12, blank=True)
    spc_baseline_points = models.PositiveSmallIntegerField(null=True, blank=True)
    spc_change_reason = models.TextField(blank=True)
    fingertips_id = models.PositiveIntegerField(
        null=True,
        blank=True,
        unique=True,
        help_text="Its indicator id in OHID Fingertips, to import Fingertips downloads.",
    )
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="indicators_led"
    )
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators_led",
    )
    primary_outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        related_name="primary_indicators",
        help_text="The outcome whose quarterly return collects this indicator's value.",
    )
    contributes_to = models.ManyToManyField(
        Outcome, blank=True, related_name="contributing_indicators"
    )
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    is_active = models.BooleanField(default=True)
    # Published by the performance team: its approved values (and its target) for the
    # quarters whose round has closed appear on the public pages (``public/``) and in the
    # open data. History keeps every change with who; these say the latest.
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[contributes_to])

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decimal_places__lte=6), name="indicator_decimal_places_at_most_6"
            ),
            # Codes that differ only in case or spacing would share an address.
            models.UniqueConstraint(
                Lower(Replace("code", Value(" "), Value("-"))),
                name="indicator_code_unique_as_slug",
                violation_error_message="There is already an indicator with this code.",
            ),
            models.CheckConstraint(
                condition=~Q(unit="rate") | Q(rate_per__isnull=False),
                name="indicator_rate_has_rate_per",
                violation_error_message="A rate needs 'per how many'.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def has_parts(self) -> bool:
        """Whether values are built from a numerator and denominator."""
        return self.unit in UNITS_WITH_PARTS

    @property
    def unit_label(self) -> str:
        if self.unit == Unit.RATE:
            return f"rate per {self.rate_per:,}"
        if self.unit == Unit.YES_NO:
            return "yes/no"
        return self.get_unit_display().lower()


class IndicatorValue(models.Model):
    """The one value of an indicator for an area and period, whoever reads it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=20, decimal_places=6)
    numerator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=choices(ValueStatus), default=ValueStatus.PROVISIONAL
    )
    note = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    # Set when the value's return is approved, or on import of published data. Values not
    # yet approved are seen only by the lead's organisation and the performance team; the
    # flag keeps that filter one column wide on pages that read thousands of values.
    is_approved = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__code", "area__code", "period__end_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"],
                name="one_value_per_indicator_area_period",
                violation_error_message="There is already a value for this indicator, area "
                "and period.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="value_numerator_with_denominator",
                violation_error_message="Give both the numerator and the denominator, or neither.",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | ~Q(denominator=0),
                name="value_denominator_not_zero",
                violation_error_message="The denominator cannot be zero.",
            ),
        ]
        indexes = [models.Index(fields=["period", "indicator"])]

    def __str__(self) -> str:
        return (
            f"{self.indicator.code} {self.area.code} {self.period.code}: {self.value.normalize():f}"
        )

    def clean(self) -> None:
        if (self.numerator is None) != (self.denominator is None):
            raise ValidationError("Give both the numerator and the denominator, or neither.")
        yes_no = self.indicator_id and self.indicator.unit == Unit.YES_NO
        if yes_no and self.value not in (None, Decimal(0), Decimal(1)):
            raise ValidationError({"value": "A yes/no indicator takes 1 (yes) or 0 (no)."})


class ValueImport(models.Model):
    """One file of values imported (or previewed): who, when, what file, and what it did.

    The uploaded bytes are kept so that "Save these values" saves exactly the file that
    was previewed (its checksum is checked again), and so that an import can be reviewed
    afterwards. Each value it wrote has a history row whose change reason names it.
    """

    class Layout(models.TextChoices):
        LONG = "long", "Long (one row per value)"
        WIDE = "wide", "Wide (one row per area, one column per period)"
        FINGERTIPS = "fingertips", "OHID Fingertips download"

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
    layout = models.CharField(max_length=12, choices=Layout.choices, blank=True)
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    # Why the file was refused, when it was: the first problems, as shown on the preview.
    problems = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import #{self.pk}: {self.file_name}"

    @property
    def change_reason(self) -> str:
        """What each value's history row says about where it came from."""
        return f"Import #{self.pk}: {self.file_name}"[:100]
