"""The models of reporting, each defined in its feature's ``models.py``.

Django finds an app's models through this module; code inside ``reporting`` imports a
model from its feature (``reporting.returns.models``), never from here, so that the
dependency rule between features holds (see docs/architecture.md).
"""

from reporting.calendar.models import PartnershipCalendar
from reporting.exception_reports.models import ExceptionReport
from reporting.notifications.models import Notification
from reporting.packs.models import PerformancePack
from reporting.returns.models import QuarterlyReturn, ReturnRound

__all__ = [
    "ExceptionReport",
    "Notification",
    "PartnershipCalendar",
    "PerformancePack",
    "QuarterlyReturn",
    "ReturnRound",
]
