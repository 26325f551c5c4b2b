"""The administrators' screens for targets, their trajectories and the action plans."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from partnership.admin import PeriodChoicesMixin
from targets.models import Action, ActionUpdate, DeliveryPlan, FrameworkImport, Milestone, Target


class MilestoneInline(PeriodChoicesMixin, admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ("period", "value")
    ordering = ("period__end_date",)


@admin.register(Target)
class TargetAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = (
        "indicator",
        "area",
        "kind",
        "baseline_value",
        "baseline_period",
        "target_value",
        "target_period",
        "lead_organisation",
    )
    list_filter = ("kind", "area__kind", "indicator__primary_outcome__block", "lead_organisation")
    list_select_related = (
        "indicator",
        "area",
        "baseline_period",
        "target_period",
        "lead_organisation",
    )
    search_fields = ("indicator__code", "indicator__title", "area__code", "area__name")
    ordering = ("indicator__code", "area__code")
    autocomplete_fields = ("indicator", "area", "lead_person")
    inlines = (MilestoneInline,)
    fieldsets = (
        (None, {"fields": ("indicator", "area", "kind")}),
        (
            "Baseline and target",
            {"fields": ("baseline_value", "baseline_period", "target_value", "target_period")},
        ),
        ("Stretch target", {"fields": ("standard_target_value", "reward_grant")}),
        ("Monitoring", {"fields": ("tolerance_pct", "lead_organisation", "lead_person")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Target]:
        # A target's name reads its indicator and period, so autocomplete lists join them
        # too. (A changelist applies list_select_related only to a queryset without joins.)
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(Milestone)
class MilestoneAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = ("target", "period", "value")
    list_filter = (("period", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("target__indicator", "target__target_period", "period")
    search_fields = ("target__indicator__code", "target__indicator__title", "period__code")
    ordering = ("target__indicator__code", "period__end_date")
    autocomplete_fields = ("target",)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "outcome", "lead_organisation", "status", "due_date")
    list_filter = ("status", "lead_organisation", "outcome__block")
    list_select_related = ("outcome", "lead_organisation")
    search_fields = (
        "description",
        "aim",
        "progress",
        "outcome__code",
        "targets__indicator__code",
    )
    ordering = ("due_date", "pk")
    autocomplete_fields = ("outcome", "targets")
    filter_horizontal = ("other_partners",)
    fieldsets = (
        ("For", {"fields": ("outcome", "targets")}),
        (
            "Action",
            {
                "fields": (
                    "description",
                    "aim",
                    "baseline",
                    "outputs",
                    "expected_outcomes",
                    "start_date",
                    "due_date",
                )
            },
        ),
        (
            "Delivery",
            {
                "fields": (
                    "lead_organisation",
                    "other_partners",
                    "funding_stream",
                    "funding_amount",
                    "resources",
                    "monitoring",
                    "status",
                    "progress",
                )
            },
        ),
    )


@admin.register(ActionUpdate)
class ActionUpdateAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = ("action", "period", "status", "reported_by", "reported_at")
    list_filter = ("status", ("period", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("action", "period", "reported_by")
    search_fields = ("action__description", "progress", "period__code")
    ordering = ("-period__end_date", "action")
    autocomplete_fields = ("action",)
    readonly_fields = ("reported_by", "reported_at")


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(SimpleHistoryAdmin):
    list_display = ("outcome", "version")
    list_select_related = ("outcome",)
    search_fields = ("outcome__code", "outcome__title", "evidence", "options")
    ordering = ("outcome__code",)
    autocomplete_fields = ("outcome",)
    readonly_fields = ("version",)


@admin.register(FrameworkImport)
class FrameworkImportAdmin(SimpleHistoryAdmin):
    """The record of framework imports, to read: one is made and saved at /data/framework/."""

    list_display = ("pk", "file_name", "status", "created_by", "created_at", "added", "changed",
                    "refused")  # fmt: skip
    list_filter = ("status",)
    list_select_related = ("created_by",)
    search_fields = ("file_name", "sha256")
    exclude = ("content", "problems", "counts")
    readonly_fields = (
        "file_name", "size", "sha256", "framework_version", "status", "created_by",
        "created_at", "saved_at", "added", "changed", "unchanged", "refused",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("content")
