"""The outbox: every email the product sends, recorded before it is sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from partnership.models import Period


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
