"""Read-only API views: thin, with every permission decided by partnership.access."""

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import filters, permissions, viewsets

from indicators.models import Indicator, IndicatorValue
from partnership import access
from reporting.api.serializers import IndicatorSerializer, IndicatorValueSerializer


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


@extend_schema_view(
    list=extend_schema(summary="Values the user may see"),
    retrieve=extend_schema(summary="One value the user may see"),
)
class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorValueSerializer
    permission_classes = PERMISSIONS
    filterset_class = IndicatorValueFilter

    def get_queryset(self) -> QuerySet:
        values = IndicatorValue.objects.select_related("indicator", "area", "period")
        return access.visible_values(self.request.user, values)
