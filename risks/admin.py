"""The administrators' screens for the risk register.

Escalations are shown on their risk but never typed in here: a move up or down a level
is confirmed by a person through the risk register, which records who and why.
"""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partnership.admin import ReadOnlyAdminMixin
from risks.models import Escalation, EscalationProposal, Risk, RiskAction, RiskReview


class RiskActionInline(admin.TabularInline):
    model = RiskAction
    extra = 0
    fields = ("description", "owner", "due_date", "status")
    autocomplete_fields = ("owner",)


class EscalationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Escalation
    extra = 0
    fields = ("decided_at", "from_level", "to_level", "score", "reason", "decided_by")
    readonly_fields = fields
    ordering = ("decided_at", "pk")


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "level",
        "hangs_on",
        "current_score",
        "band",
        "target_score",
        "owner",
        "status",
        "review_date",
    )
    list_filter = ("level", "status", "current_likelihood", "current_impact", "owner_organisation")
    list_select_related = (
        "target__indicator",
        "target__target_period",
        "outcome",
        "block",
        "owner",
    )
    search_fields = ("title", "description", "cause", "consequence", "controls")
    ordering = ("title",)
    autocomplete_fields = ("owner", "target", "outcome")
    readonly_fields = ("created_at", "updated_at")
    inlines = (RiskActionInline, EscalationInline)
    fieldsets = (
        (None, {"fields": ("title", "description", "cause", "consequence", "status")}),
        ("Ownership", {"fields": ("owner", "owner_organisation")}),
        (
            "Level and what it hangs on",
            {
                "fields": ("level", "target", "outcome", "block"),
                "description": "A risk hangs on one target, outcome or block; a "
                "partnership risk hangs on none.",
            },
        ),
        (
            "Scores (1 to 5)",
            {
                "fields": (
                    ("inherent_likelihood", "inherent_impact"),
                    ("current_likelihood", "current_impact"),
                    "target_score",
                )
            },
        ),
        ("Controls and review", {"fields": ("controls", "review_date")}),
        ("Record", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="hangs on")
    def hangs_on(self, obj: Risk) -> Any:
        return obj.target or obj.outcome or obj.block or "Partnership"

    @admin.display(description="current score")
    def current_score(self, obj: Risk) -> int:
        return obj.current_score

    @admin.display(description="band")
    def band(self, obj: Risk) -> str:
        return obj.current_band.label


@admin.register(RiskAction)
class RiskActionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "risk", "owner", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("risk", "owner")
    search_fields = ("description", "risk__title")
    ordering = ("due_date", "pk")
    autocomplete_fields = ("risk", "owner")


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("risk", "from_level", "to_level", "score", "decided_by", "decided_at")
    list_filter = ("from_level", "to_level")
    list_select_related = ("risk", "decided_by")
    search_fields = ("risk__title", "reason")
    ordering = ("-decided_at", "-pk")
    fields = ("risk", "from_level", "to_level", "score", "reason", "decided_by", "decided_at")
    readonly_fields = fields


@admin.register(RiskReview)
class RiskReviewAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Reviews are recorded on the risk's page, by the person who reviewed it."""

    list_display = ("risk", "reviewed_on", "reviewer", "likelihood", "impact", "next_review_date")
    list_select_related = ("risk", "reviewer")
    search_fields = ("risk__title", "note")
    ordering = ("-reviewed_on", "-pk")
    fields = (
        "risk",
        "reviewed_on",
        "reviewer",
        "likelihood",
        "impact",
        "note",
        "next_review_date",
        "created_at",
    )
    readonly_fields = fields


@admin.register(EscalationProposal)
class EscalationProposalAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Proposals are made by the rules and decided by the receiving level on the site."""

    list_display = ("risk", "direction", "from_level", "to_level", "score", "status", "decided_by")
    list_filter = ("status", "direction", "to_level")
    list_select_related = ("risk", "decided_by")
    search_fields = ("risk__title", "reason")
    ordering = ("-proposed_at", "-pk")
    fields = (
        "risk",
        "direction",
        "from_level",
        "to_level",
        "score",
        "proposed_at",
        "status",
        "reason",
        "decided_by",
        "decided_at",
    )
    readonly_fields = fields
