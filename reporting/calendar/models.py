"""The partnership's calendar for the quarterly cycle."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


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
