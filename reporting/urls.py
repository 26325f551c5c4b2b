"""The pages of reporting: each feature's own ``urls.py`` in turn."""

from django.urls import include, path

urlpatterns = [
    path("", include("reporting.start.urls")),
    path("", include("reporting.cycle.urls")),
    path("", include("reporting.returns.urls")),
    path("", include("reporting.dashboards.urls")),
    path("", include("reporting.packs.urls")),
    path("", include("reporting.funding.urls")),
    path("", include("reporting.plans.urls")),
    path("", include("reporting.exception_reports.urls")),
]
