"""Quarterly returns, their rounds, the PSB's exception reports and every email sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class ExceptionReport(models.Model):
    """What the PSB was sent for a quarter, kept as sent so it can always be reproduced."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="exception_reports")
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    # The Excel pack sent with it, as sent.
    pack = models.ForeignKey(
        "PerformancePack", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Exception report {self.period.label} ({self.created_at:%d %b %Y})"


class PartnershipCalendar(models.Model):
    """The partnership's calendar for the quarterly cycle: one row, edited by an administrator.

    Every count is in working days (Monday to Friday, not a bank holiday in England and
    Wales). The daily cycle reads it to open a quarter's round; once a round is open its
    own due and closing dates (which an officer may extend) decide the reminders, the
    chases and the close.
    """

    class Recipients(models.TextChoices):
        PSB_MEMBERS = "psb_members", "All users with the PSB member role"

    # One calendar for the partnership: the primary key is always 1.
    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    opens_after_quarter_working_days = models.PositiveSmallIntegerField(
        "round opens (working days after the quarter ends)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="1: the round opens on the first working day after the quarter ends.",
    )
    due_working_days = models.PositiveSmallIntegerField(
        "returns due (working days after the round opens)",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    reminder_days_before_due = models.CharField(
        "reminders (working days before the due date)",
        max_length=50,
        default="5,1",
        blank=True,
        help_text="Whole numbers separated by commas, for example 5,1. Leave blank for none.",
    )
    chase_lead_working_days_after_due = models.PositiveSmallIntegerField(
        "chase the lead (working days after the due date)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="A late return's lead and their organisation's performance officers are "
        "chased on this day.",
    )
    chase_board_working_days_after_due = models.PositiveSmallIntegerField(
        "chase the board (working days after the due date)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="The board members of a block with late returns are told on this day.",
    )
    closes_working_days_after_due = models.PositiveSmallIntegerField(
        "round closes (working days after the due date)",
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
        help_text="The round closes on this day and the exception report goes to the PSB.",
    )
    exception_report_recipients = models.CharField(
        "exception report goes to",
        max_length=20,
        choices=Recipients.choices,
        default=Recipients.PSB_MEMBERS,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "partnership calendar"
        verbose_name_plural = "partnership calendar"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="one_partnership_calendar"),
        ]

    def __str__(self) -> str:
        return "The partnership's calendar"

    @property
    def reminder_days(self) -> tuple[int, ...]:
        """The reminder days before the due date, furthest first: ``(5, 1)``."""
        days = {int(part) for part in self.reminder_days_before_due.split(",") if part.strip()}
        return tuple(sorted(days, reverse=True))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        parts = [part.strip() for part in self.reminder_days_before_due.split(",")]
        if self.reminder_days_before_due.strip() and not all(p.isdigit() for p in parts):
            errors["reminder_days_before_due"] = "Enter whole numbers separated by commas."
        elif any(int(p) < 1 or int(p) > self.due_working_days for p in parts if p.isdigit()):
            errors["reminder_days_before_due"] = (
                "Each reminder is at least 1 working day before the due date, and no earlier "
                "than the round opens."
            )
        if self.chase_board_working_days_after_due < self.chase_lead_working_days_after_due:
            errors["chase_board_working_days_after_due"] = (
                "The board is chased on or after the day the lead is chased."
            )
        if self.closes_working_days_after_due < self.chase_board_working_days_after_due:
            errors["closes_working_days_after_due"] = (
                "The round closes on or after the day the board is chased."
            )
        if errors:
            raise ValidationError(errors)


class Notification(models.Model):
    """Every email the product sends; the unique key stops a retried job sending twice.

    It is an outbox: the row is written (pending) in the transaction that decides to send,
    a task sends it once that has committed, and a periodic sweep re-enqueues any still
    pending after ``next_attempt_at`` (for example when the broker was down).
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=255, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    email = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # A file sent with the email (the PSB's pack with the exception report), kept in storage.
    attachment = models.FileField(upload_to="notifications/%Y/%m/", blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The quarter the email is about, when it is about one (the cycle page reads it).
    period = models.ForeignKey(
        Period,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    # When a pending notification may next be tried: now at first, later after a failure.
    next_attempt_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["state", "next_attempt_at"], name="notification_outbox"),
            models.Index(fields=["period", "kind"], name="notification_period_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.email}"


class PerformancePack(models.Model):
    """An Excel performance pack someone asked for: its scope, how its build went, its file.

    A pack is an output, built from the data as it stood when it was built: it has no
    history. Small packs are built while the person waits; large ones by a Celery job,
    which saves its progress here for the page's progress bar.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="packs")
    # The scope: the whole partnership when none of these is set.
    block = models.ForeignKey(
        "partnership.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stretch_only = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="performance_packs",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # Whether it holds values submitted but not yet approved (packs of the performance team).
    includes_submitted = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    file = models.FileField(upload_to="packs/%Y/%m/", blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes.")
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="pack_progress_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "requested_at"], name="pack_requester")]

    def __str__(self) -> str:
        return f"Performance pack for {self.period.label} ({self.requested_at:%d %b %Y %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)
