"""Reads of delivery plans: the outcome's plan page and an action to edit."""

from reporting.plans.selectors.plan_page import (
    Link,
    OutcomeNotFound,
    PlanPage,
    PlanTarget,
    action_of,
    outcome_named,
    plan_page,
)

__all__ = [
    "Link",
    "OutcomeNotFound",
    "PlanPage",
    "PlanTarget",
    "action_of",
    "outcome_named",
    "plan_page",
]
