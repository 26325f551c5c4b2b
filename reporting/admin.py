"""The administrators' screens for return rounds, quarterly returns, the partnership's
calendar, the exception reports sent to the PSB and every email sent.

Exception reports and notifications are records of what happened: they are seen here,
never added, changed or deleted, so a report can always be reproduced and a retried job
never sends an email twice. The one thing done to a notification is "Retry sending" a
failed one, through the notifications service.
"""

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from partnership.admin import PeriodChoicesMixin, ReadOnlyAdminMixin
from partnership.errors import ApplicationError
from reporting.models import (
    ExceptionReport,
    Notification,
    PartnershipCalendar,
    QuarterlyReturn,
    ReturnRound,
)
from reporting.notifications.services import notifications_retry


@admin.register(ReturnRound)
class ReturnRoundAdmin(PeriodChoicesMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "period", "opens_on", "due_on", "closes_on", "state")
    list_filter = ("state",)
    list_select_related = ("period",)
    search_fields = ("period__code",)
    ordering = ("-period__end_date",)
    period_kinds = {"period": "quarter"}

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReturnRound]:
        # A round's name reads its period, so autocomplete lists join it too.
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(QuarterlyReturn)
class QuarterlyReturnAdmin(SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "outcome",
        "round",
        "state",
        "forecast_rag",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "version",
    )
    list_filter = (
        "state",
        "forecast_rag",
        ("round__period", admin.RelatedOnlyFieldListFilter),
        "outcome__block",
    )
    list_select_related = ("outcome", "round__period", "submitted_by", "approved_by")
    search_fields = ("outcome__code", "outcome__title", "round__period__code")
    ordering = ("-round__period__end_date", "outcome__block__order", "outcome__code")
    autocomplete_fields = ("round", "outcome", "submitted_by", "approved_by")
    readonly_fields = ("version",)
    fieldsets = (
        (None, {"fields": ("round", "outcome", "state", "returned_reason", "version")}),
        (
            "Commentary",
            {
                "fields": (
                    "progress_summary",
                    "going_well",
                    "concerns_and_actions",
                    "beyond_our_control",
                    "forecast_rag",
                )
            },
        ),
        ("Sign-off", {"fields": ("submitted_by", "submitted_at", "approved_by", "approved_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Every save moves the version on, so a lead's form opened before this edit is
        # refused as stale rather than silently overwriting it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(PartnershipCalendar)
class PartnershipCalendarAdmin(SimpleHistoryAdmin):
    """The one calendar of the quarterly cycle: added once, changed since, never deleted."""

    list_display = (
        "__str__",
        "opens_after_quarter_working_days",
        "due_working_days",
        "reminder_days_before_due",
        "chase_lead_working_days_after_due",
        "chase_board_working_days_after_due",
        "closes_working_days_after_due",
        "exception_report_recipients",
    )
    search_fields = ("reminder_days_before_due",)
    fieldsets = (
        (
            "The round (working days)",
            {
                "fields": (
                    "opens_after_quarter_working_days",
                    "due_working_days",
                    "closes_working_days_after_due",
                ),
                "description": "Working days skip weekends and bank holidays in England and "
                "Wales. A round already open keeps its own dates; change those on the "
                "rounds page.",
            },
        ),
        (
            "Reminders and chasing",
            {
                "fields": (
                    "reminder_days_before_due",
                    "chase_lead_working_days_after_due",
                    "chase_board_working_days_after_due",
                )
            },
        ),
        ("Exception report", {"fields": ("exception_report_recipients",)}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not PartnershipCalendar.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ExceptionReport)
class ExceptionReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "period", "created_at", "created_by", "sent_at")
    list_filter = (("period", admin.RelatedOnlyFieldListFilter), "sent_at")
    list_select_related = ("period", "created_by")
    search_fields = ("period__code",)
    ordering = ("-created_at",)
    fields = ("period", "created_at", "created_by", "sent_at", "content_as_sent")
    readonly_fields = fields

    @admin.display(description="content as sent")
    def content_as_sent(self, obj: ExceptionReport) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.content, indent=2, default=str))


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("subject", "kind", "email", "state", "attempts", "created_at", "sent_at")
    # Failed sends must be easy to find: filter by state and by kind of email.
    list_filter = ("state", "kind", "created_at")
    actions = ("retry_sending",)
    search_fields = ("email", "subject", "idempotency_key", "recipient__username", "last_error")
    ordering = ("-created_at",)
    fields = (
        "kind",
        "idempotency_key",
        "recipient",
        "email",
        "subject",
        "body_text",
        "body_html",
        "state",
        "attempts",
        "last_error",
        "period",
        "next_attempt_at",
        "created_at",
        "sent_at",
    )
    readonly_fields = fields

    @admin.action(description="Retry sending")
    def retry_sending(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        """Send the selected failed emails again; sent and pending ones are left alone."""
        try:
            count = notifications_retry(notifications=queryset, actor=request.user)
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        if count:
            self.message_user(
                request, f"Sending {count} failed email{'s' if count != 1 else ''} again."
            )
        else:
            self.message_user(
                request,
                "None of the selected emails had failed, so none was sent again.",
                messages.WARNING,
            )


# --- Performance packs (appended: the admin sees them, never changes them) -----------------

from reporting.models import PerformancePack  # noqa: E402


@admin.register(PerformancePack)
class PerformancePackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every pack made: who asked for it, when, its scope and how its build went."""

    list_display = (
        "__str__",
        "period",
        "requested_by",
        "requested_at",
        "state",
        "progress",
        "size",
        "finished_at",
    )
    list_filter = ("state", ("period", admin.RelatedOnlyFieldListFilter), "requested_at")
    list_select_related = ("period", "requested_by")
    search_fields = ("requested_by__username", "period__code", "error")
    ordering = ("-requested_at",)
    fields = (
        "period",
        "block",
        "organisation",
        "stretch_only",
        "requested_by",
        "requested_at",
        "includes_submitted",
        "state",
        "progress",
        "file",
        "size",
        "finished_at",
        "error",
    )
    readonly_fields = fields
