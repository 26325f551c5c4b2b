"""The administrators' screens for the base of the framework: partners, places, blocks,
outcomes, funding, people and their roles, and periods.

Changelists name the related rows they show in ``list_select_related`` so that a page
costs the same number of queries whatever its length; large related tables (users,
outcomes, indicators) are picked with autocomplete rather than drop-downs.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from partnership.models import (
    Area,
    Block,
    FundingAmount,
    FundingStream,
    Organisation,
    Outcome,
    Period,
    Priority,
    Profile,
    RoleAssignment,
)
from partnership.periods import Period as PeriodRef
from partnership.periods import is_period_code

admin.site.site_header = "Partnership Performance administration"
admin.site.site_title = "Partnership Performance admin"
admin.site.index_title = "Framework, people and reference data"

User = get_user_model()


def periods_in_time_order(kind: str | None = None) -> QuerySet[Period]:
    """Periods by end date, a year after its fourth quarter; only years or quarters if asked."""
    periods = Period.objects.order_by("end_date", "-start_date")
    if kind == "year":
        return periods.exclude(code__contains="-Q")
    if kind == "quarter":
        return periods.filter(code__contains="-Q")
    return periods


class PeriodChoicesMixin:
    """Period drop-downs list periods in time order, not in the order they were created.

    ``period_kinds`` maps a field to "year" or "quarter" where only one kind makes sense
    (funding is per financial year; a return round is for a quarter).
    """

    period_kinds: dict[str, str] = {}

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Period and "queryset" not in kwargs:
            kwargs["queryset"] = periods_in_time_order(self.period_kinds.get(db_field.name))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdminMixin:
    """A record kept as it happened: seen in the admin, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PeriodKindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("year", "Financial years"), ("quarter", "Quarters")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "year":
            return queryset.exclude(code__contains="-Q")
        if self.value() == "quarter":
            return queryset.filter(code__contains="-Q")
        return queryset


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "start_date", "end_date")
    list_filter = (PeriodKindFilter,)
    search_fields = ("code",)
    ordering = ("end_date", "-start_date")
    fields = ("code", "start_date", "end_date")

    @admin.display(description="label")
    def label(self, obj: Period) -> str:
        return PeriodRef.parse(obj.code).long_label if is_period_code(obj.code) else obj.code


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "short_name")
    ordering = ("name",)


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = ("code", "name")
    ordering = ("kind", "name")
    autocomplete_fields = ("parent",)


@admin.register(Block)
class BlockAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name", "slug")
    ordering = ("order", "name")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "order")
    list_editable = ("order",)
    search_fields = ("title", "description")
    ordering = ("order", "title")


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "block", "lead_organisation", "lead_person")
    list_filter = ("block", "lead_organisation", "priorities")
    list_select_related = ("block", "lead_organisation", "lead_person")
    search_fields = ("code", "title", "description")
    ordering = ("block__order", "code")
    autocomplete_fields = ("lead_person",)
    filter_horizontal = ("contributing_organisations", "priorities")


class FundingAmountInline(PeriodChoicesMixin, admin.TabularInline):
    model = FundingAmount
    extra = 1
    fields = ("year", "amount")
    period_kinds = {"year": "year"}


@admin.register(FundingStream)
class FundingStreamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "block", "outcome", "provider")
    list_filter = ("kind", "block", "provider")
    list_select_related = ("block", "outcome", "provider")
    search_fields = ("name", "outcome__code", "outcome__title", "block__name")
    ordering = ("name",)
    autocomplete_fields = ("outcome",)
    inlines = (FundingAmountInline,)
    exclude = ("version",)

    def save_model(self, request: Any, obj: FundingStream, form: Any, change: bool) -> None:
        """A change here is an edit like one on the funding pages: it moves the version on,
        so that a form opened there before it is refused rather than saved over it."""
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(FundingAmount)
class FundingAmountAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = ("stream", "year", "amount")
    list_filter = (("year", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("stream", "year")
    search_fields = ("stream__name", "year__code")
    ordering = ("stream__name", "year__start_date")
    autocomplete_fields = ("stream",)
    period_kinds = {"year": "year"}


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "user", "organisation", "job_title")
    list_filter = ("organisation",)
    list_select_related = ("user", "organisation")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "job_title",
    )
    ordering = ("user__username",)
    autocomplete_fields = ("user",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "scope")
    list_filter = ("role", "block")
    list_select_related = ("user", "block", "outcome", "indicator", "organisation")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "outcome__code",
        "indicator__code",
        "block__name",
        "organisation__name",
    )
    ordering = ("user__username", "role")
    autocomplete_fields = ("user", "outcome", "indicator")

    @admin.display(description="scope")
    def scope(self, obj: RoleAssignment) -> str:
        return obj.scope_label


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("organisation", "job_title")


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ("role", "block", "outcome", "indicator", "organisation")
    autocomplete_fields = ("outcome", "indicator")


# django.contrib.auth's user screens, with the person's profile and roles on the same page.
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (ProfileInline, RoleAssignmentInline)
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_staff")
    list_filter = (*DjangoUserAdmin.list_filter, "profile__organisation")
    list_select_related = ("profile__organisation",)

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        # The add page only sets the username and password, then opens the change page.
        return self.inlines if obj is not None else ()

    @admin.display(description="organisation", ordering="profile__organisation__short_name")
    def organisation(self, obj: Any) -> Organisation | None:
        profile = getattr(obj, "profile", None)
        return profile.organisation if profile is not None else None
