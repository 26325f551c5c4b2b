"""The administrators' screens for indicators and their values."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Indicator, IndicatorValue, ValueImport
from partnership.admin import PeriodChoicesMixin


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "title",
        "kind",
        "unit",
        "polarity",
        "frequency",
        "primary_outcome",
        "lead_organisation",
        "is_active",
    )
    list_filter = (
        "is_active",
        "kind",
        "unit",
        "polarity",
        "frequency",
        "accumulation",
        "primary_outcome__block",
        "lead_organisation",
    )
    list_select_related = ("primary_outcome", "lead_organisation")
    search_fields = ("code", "title", "definition", "data_source")
    ordering = ("code",)
    readonly_fields = ("slug",)
    autocomplete_fields = ("primary_outcome", "lead_person", "contributes_to", "related")
    fieldsets = (
        (None, {"fields": ("code", "slug", "title", "definition", "kind", "is_active")}),
        (
            "Measure",
            {
                "fields": (
                    "unit",
                    "rate_per",
                    "decimal_places",
                    "polarity",
                    "frequency",
                    "accumulation",
                    "data_source",
                    "fingertips_id",
                )
            },
        ),
        (
            "Accountability",
            {
                "fields": (
                    "lead_organisation",
                    "lead_person",
                    "primary_outcome",
                    "contributes_to",
                    "related",
                )
            },
        ),
    )


@admin.register(IndicatorValue)
class IndicatorValueAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = (
        "indicator",
        "area",
        "period",
        "value",
        "numerator",
        "denominator",
        "status",
        "is_approved",
        "entered_by",
        "updated_at",
    )
    list_filter = (
        "status",
        "is_approved",
        ("period", admin.RelatedOnlyFieldListFilter),
        "area__kind",
        "indicator__primary_outcome__block",
    )
    list_select_related = ("indicator", "area", "period", "entered_by")
    search_fields = (
        "indicator__code",
        "indicator__title",
        "area__code",
        "area__name",
        "period__code",
        "note",
        "source",
    )
    ordering = ("indicator__code", "area__code", "period__end_date")
    autocomplete_fields = ("indicator", "area", "entered_by")
    readonly_fields = ("entered_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("indicator", "area", "period")}),
        ("Value", {"fields": ("value", "numerator", "denominator", "status", "is_approved")}),
        ("Provenance", {"fields": ("note", "source", "entered_by", "entered_at", "updated_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A value typed in here was entered by the administrator, unless they say who.
        if not change and obj.entered_by_id is None:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ValueImport)
class ValueImportAdmin(SimpleHistoryAdmin):
    """The record of imports, to read: an import is made and saved at /data/import/."""

    list_display = ("pk", "file_name", "status", "layout", "created_by", "created_at", "added",
                    "changed", "refused")  # fmt: skip
    list_filter = ("status", "layout")
    list_select_related = ("created_by",)
    search_fields = ("file_name", "sha256")
    exclude = ("content", "problems")
    readonly_fields = (
        "file_name", "size", "sha256", "layout", "indicator", "status", "created_by",
        "created_at", "saved_at", "added", "changed", "unchanged", "refused", "conflicts",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("content")
