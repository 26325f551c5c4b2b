"""Excel performance packs: one workbook per quarter and scope, built in one pass.

``build.py`` writes the workbook from the plain data of :mod:`reporting.selectors.pack`;
``requests.py`` records a pack someone asks for, builds it (at once when small, by a
Celery task when large), keeps its file and emails a link, and writes a pack from the
command line as the performance team.
"""

from reporting.services.pack.build import build_pack_workbook, number_format, sheet_name
from reporting.services.pack.requests import (
    PerformanceTeamActor,
    pack_build,
    pack_request,
    pack_write,
    sync_max_targets,
)

__all__ = [
    "PerformanceTeamActor",
    "build_pack_workbook",
    "number_format",
    "pack_build",
    "pack_request",
    "pack_write",
    "sheet_name",
    "sync_max_targets",
]
