"""Excel performance packs someone asked for, with their files."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnership.models import Period


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
