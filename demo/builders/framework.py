"""Partners, places, periods, people, blocks, outcomes, priorities and funding."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from demo.builders.context import DemoContext, create, get_or_create, rng_for, window_years
from demo.content.framework import BLOCKS, FUNDING, OUTCOMES, PRIORITIES
from demo.content.people import AREAS, ORGANISATIONS, PASSWORD, PEOPLE, RoleSpec, email_of
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
from partnership.services import period_get_or_create


def build_organisations(ctx: DemoContext) -> None:
    for spec in ORGANISATIONS:
        ctx.organisations[spec.short_name], _ = get_or_create(
            Organisation,
            by=ctx.admin,
            short_name=spec.short_name,
            defaults={"name": spec.name, "kind": spec.kind},
        )


def build_areas(ctx: DemoContext) -> None:
    for spec in AREAS:
        ctx.areas[spec.code], _ = get_or_create(
            Area,
            by=ctx.admin,
            code=spec.code,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "parent": ctx.areas[spec.parent] if spec.parent else None,
            },
        )


def ensure_periods(refs: list[PeriodRef]) -> dict[str, Period]:
    """The stored periods for ``refs``, created where missing (periods have no history)."""
    return {ref.code: period_get_or_create(ref) for ref in refs}


def build_periods(ctx: DemoContext) -> None:
    ctx.periods.update(ensure_periods([*ctx.window, *window_years(ctx.window)]))


def build_users(ctx: DemoContext) -> None:
    """Every person's login; the administrator first, as the author of everything else.

    Passwords are hashed once: the hasher is slow on purpose, and every demo person has
    the same password anyway. People who already exist keep theirs.
    """
    User = get_user_model()
    password = make_password(PASSWORD)
    for spec in PEOPLE:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=email_of(spec.username),
                password=password,
                is_active=True,
                is_staff=spec.is_superuser,
                is_superuser=spec.is_superuser,
            )
        ctx.users[spec.username] = user
        if ctx.admin is None:
            ctx.admin = user


def build_profiles(ctx: DemoContext) -> None:
    for spec in PEOPLE:
        user = ctx.users[spec.username]
        if not Profile.objects.filter(user=user).exists():
            create(
                Profile,
                by=ctx.admin,
                user=user,
                organisation=ctx.organisations[spec.organisation],
                job_title=spec.job_title,
            )


def build_blocks_priorities_and_outcomes(ctx: DemoContext) -> None:
    for order, spec in enumerate(BLOCKS, start=1):
        ctx.blocks[spec.slug], _ = get_or_create(
            Block,
            by=ctx.admin,
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "order": order},
        )
    priorities_of: dict[str, list[Priority]] = {}
    for order, spec in enumerate(PRIORITIES, start=1):
        priority, _ = get_or_create(
            Priority,
            by=ctx.admin,
            title=spec.title,
            defaults={"description": spec.description, "order": order},
        )
        for code in spec.outcomes:
            priorities_of.setdefault(code, []).append(priority)
    leads = {code: p.username for p in PEOPLE for code in p.leads}
    for spec in OUTCOMES:
        outcome, created = get_or_create(
            Outcome,
            by=ctx.admin,
            code=spec.code,
            defaults={
                "block": ctx.blocks[spec.block],
                "title": spec.title,
                "description": spec.description,
                "lead_person": ctx.users[leads[spec.code]],
                "lead_organisation": ctx.organisations[spec.lead_organisation],
            },
        )
        if created:
            outcome.contributing_organisations.set(
                [ctx.organisations[name] for name in spec.contributors]
            )
            outcome.priorities.set(priorities_of.get(spec.code, []))
        ctx.outcomes[spec.code] = outcome


def build_roles(ctx: DemoContext) -> None:
    """Role assignments of every person; run once indicators exist (some roles need them)."""
    for spec in PEOPLE:
        user = ctx.users[spec.username]
        wanted = [*spec.roles]
        for code in spec.leads:
            wanted.append(RoleSpec("outcome_lead", outcome=code))
        for role in wanted:
            scope = {
                "block": ctx.blocks[role.block] if role.block else None,
                "outcome": ctx.outcomes[role.outcome] if role.outcome else None,
                "indicator": ctx.indicators[role.indicator] if role.indicator else None,
                "organisation": ctx.organisations[role.organisation] if role.organisation else None,
            }
            get_or_create(RoleAssignment, by=ctx.admin, user=user, role=role.role, **scope)


FUNDING_YEARS = (-2, -1, 0)  # financial years from this one


def build_funding(ctx: DemoContext) -> None:
    """Funding streams, aligned and pooled, with an amount for each of three financial
    years: the two before the one that holds today, and this one."""
    this_year = PeriodRef.year_of(ctx.today)
    years = [period_get_or_create(this_year.shift(n)) for n in FUNDING_YEARS]
    for spec in FUNDING:
        if FundingStream.objects.filter(name=spec.name).exists():
            continue
        stream = create(
            FundingStream,
            by=ctx.admin,
            name=spec.name,
            kind=spec.kind,
            provider=ctx.organisations[spec.provider],
            block=ctx.blocks[spec.block] if spec.block else None,
            outcome=ctx.outcomes[spec.outcome] if spec.outcome else None,
        )
        rng = rng_for("funding", spec.name)
        amount = Decimal(spec.amount)
        for year in years:
            create(FundingAmount, by=ctx.admin, stream=stream, year=year, amount=amount)
            # Settlements move a little each year; round to the nearest £1,000.
            amount = Decimal(int(round(float(amount) * rng.uniform(0.93, 1.05), -3)))
