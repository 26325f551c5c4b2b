"""The API under /api/: its root, indicators, values, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from reporting.api import views


class RootView(APIRootView):
    """The endpoints of the Partnership Performance API."""

    permission_classes = views.PERMISSIONS


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("values", views.IndicatorValueViewSet, basename="value")

urlpatterns = [
    path(
        "schema/", SpectacularAPIView.as_view(permission_classes=views.PERMISSIONS), name="schema"
    ),
    path(
        "docs/",
        # The split view serves its start-up script as a file: no inline script (CSP).
        SpectacularSwaggerSplitView.as_view(
            url_name="schema",
            permission_classes=views.PERMISSIONS,
            template_name="reporting/api/swagger_ui.html",
        ),
        name="api-docs",
    ),
    path("", include(router.urls)),
]
