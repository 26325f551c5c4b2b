"""API views: thin, with every permission decided by partnership.access. Read-only but
for the performance team's post of values, which is a value import."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import filters, parsers, permissions, renderers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.imports.services import import_posted
from indicators.models import Indicator, IndicatorValue
from partnership import access
from reporting.api.csv import CsvBodyParser, CsvRenderer, values_csv
from reporting.api.posting import NotValues, item_problems, values_file
from reporting.api.serializers import (
    IndicatorSerializer,
    IndicatorValueSerializer,
    PostedSerializer,
    ValueInSerializer,
)


class CanUseSite(permissions.BasePermission):
    """Signed in with at least one role: the same rule as the pages."""

    message = "You do not have a role on this site."

    def has_permission(self, request, view) -> bool:
        return access.can_use_site(request.user)


class IndicatorFilter(django_filters.FilterSet):
    block = django_filters.CharFilter(
        field_name="primary_outcome__block__slug", help_text="The slug of a block."
    )
    kind = django_filters.ChoiceFilter(choices=Indicator.Kind.choices)

    class Meta:
        model = Indicator
        fields = ["block", "kind"]


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(
        field_name="indicator__code", help_text="An indicator code, such as NI 116."
    )
    area = django_filters.CharFilter(field_name="area__code", help_text="An area code.")
    period = django_filters.CharFilter(
        field_name="period__code", help_text="A period code, such as 2025-26-Q2."
    )

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "area", "period"]


class CanImportValues(permissions.BasePermission):
    """Posting values is a value import: for the performance team (the import's rule)."""

    message = "Only the performance team can import values."

    def has_permission(self, request, view) -> bool:
        return access.can_import_values(request.user)


PERMISSIONS = [permissions.IsAuthenticated, CanUseSite]


@extend_schema_view(
    list=extend_schema(summary="Active indicators"),
    retrieve=extend_schema(summary="One indicator, by its slug"),
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    permission_classes = PERMISSIONS
    lookup_field = "slug"
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter]
    filterset_class = IndicatorFilter
    search_fields = ["code", "title"]

    def get_queryset(self) -> QuerySet:
        return Indicator.objects.filter(is_active=True).select_related(
            "primary_outcome", "lead_organisation"
        )


FORMAT = OpenApiParameter(
    "format", enum=["json", "csv"], description="csv: every value asked for, in one file"
)


@extend_schema_view(
    list=extend_schema(summary="Values the user may see", parameters=[FORMAT]),
    retrieve=extend_schema(summary="One value the user may see", parameters=[FORMAT]),
    create=extend_schema(
        summary="Import values (the performance team)",
        description=(
            "Saves the values as one value import, all or nothing, checked by the same rules "
            "as a file on /data/import/: a list of values as JSON (row 1 is the first), or a "
            "CSV file in the long layout (text/csv). Refused whole, with every problem, if any "
            "value is wrong, names an area not known, or would overwrite an approved return's."
        ),
        request=ValueInSerializer(many=True),
        responses={
            201: PostedSerializer,
            400: OpenApiResponse(PostedSerializer, description="Nothing was saved: why."),
        },
    ),
)
class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]
    parser_classes = [parsers.JSONParser, CsvBodyParser]

    def get_permissions(self) -> list[permissions.BasePermission]:
        extra = [CanImportValues] if self.action == "create" else []
        return [permission() for permission in [*PERMISSIONS, *extra]]

    def get_queryset(self) -> QuerySet:
        values = IndicatorValue.objects.select_related("indicator", "area", "period")
        return access.visible_values(self.request.user, values).order_by("pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        if request.accepted_renderer.format == "csv":
            return values_csv(self.filter_queryset(self.get_queryset()), self.serializer_class)
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        is_file = isinstance(request.data, bytes)
        try:
            content = request.data if is_file else values_file(request.data)
        except NotValues as error:
            return Response({"detail": str(error), "problems": []}, status.HTTP_400_BAD_REQUEST)
        posted = import_posted(
            content=content,
            file_name="api-values.csv" if is_file else "api-values-json.csv",
            actor=request.user,
        )
        record = posted.record
        if not posted.saved:
            problems = posted.problems or []
            return Response(
                {
                    "detail": "Nothing was saved: put right the problems listed and send "
                    "the values again",
                    "import": record.pk,
                    "problems": problems if is_file else item_problems(problems),
                },
                status.HTTP_400_BAD_REQUEST,
            )
        body = {
            "detail": "Saved",
            "import": record.pk,
            "added": record.added,
            "changed": record.changed,
            "unchanged": record.unchanged,
            "problems": [],
        }
        return Response(body, status.HTTP_201_CREATED)
