"""The exception report as sent to the Public Service Board, kept to reproduce it."""

from django.conf import settings
from django.db import models

from partnership.models import Period


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
