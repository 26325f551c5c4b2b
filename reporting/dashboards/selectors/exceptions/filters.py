"""The filters of the exception dashboard and the options each may take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from partnership.models import Block
from reporting.dashboards.selectors.exceptions.risks import PsbRisk
from reporting.scorecard.selectors import (
    RAG_ORDER,
    Scope,
    Scorecard,
    ScorecardRow,
    quarter_options,
)

RAG_CHOICES = tuple((rag.value, rag.label) for rag in RAG_ORDER)


@dataclass(frozen=True)
class ExceptionFilters:
    """What the exceptions are narrowed to; empty values filter nothing."""

    block: str = ""
    organisation: int | None = None
    lead: int | None = None
    rag: str = ""
    stretch_only: bool = False
    signals_only: bool = False  # targets with special cause concern or consistently failing

    @property
    def active(self) -> bool:
        return bool(
            self.block
            or self.organisation is not None
            or self.lead is not None
            or self.rag
            or self.stretch_only
            or self.signals_only
        )

    @property
    def targets_only(self) -> bool:
        """RAG, stretch and signals filter targets: returns and risks are then not listed."""
        return bool(self.rag or self.stretch_only or self.signals_only)

    def lists(self, row: ScorecardRow) -> bool:
        """Whether a target in scope is listed: of the RAG chosen, and a signal if asked."""
        return (not self.rag or row.rag == self.rag) and (not self.signals_only or row.has_signal)

    @property
    def scope(self) -> Scope:
        return Scope(
            block=self.block,
            organisation=self.organisation,
            lead=self.lead,
            stretch_only=self.stretch_only,
        )

    def query(self, *, period: str = "") -> str:
        """The filters (and quarter) as a query string, to share or to link back to."""
        pairs = [("period", period)] if period else []
        pairs += [
            ("block", self.block),
            ("organisation", "" if self.organisation is None else str(self.organisation)),
            ("lead", "" if self.lead is None else str(self.lead)),
            ("rag", self.rag),
            ("stretch", "on" if self.stretch_only else ""),
            ("signals", "on" if self.signals_only else ""),
        ]
        return urlencode([(name, value) for name, value in pairs if value])


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Options:
    blocks: tuple[Option, ...] = ()
    organisations: tuple[Option, ...] = ()
    leads: tuple[Option, ...] = ()
    rags: tuple[Option, ...] = tuple(Option(v, label) for v, label in RAG_CHOICES)
    quarters: tuple[Option, ...] = ()


def filter_options(card: Scorecard, blocks: Sequence[Block], risks: Sequence[PsbRisk]) -> Options:
    """The blocks, partners, leads and quarters to choose from: those of the targets,
    outcomes and risks of the quarter."""
    organisations: dict[int, str] = {}
    leads: dict[int, str] = {}
    for row in card.rows:
        organisations[row.lead_organisation_id] = row.lead_organisation
        if row.lead_person_id is not None:
            leads[row.lead_person_id] = f"{row.lead_person} ({row.lead_organisation_short})"
    for line in card.outcomes:
        organisations.setdefault(line.lead_organisation_id, line.lead_organisation)
        if line.lead_person_id is not None:
            leads.setdefault(
                line.lead_person_id, f"{line.lead_person} ({line.lead_organisation_short})"
            )
    for risk in risks:
        if risk.organisation_id is not None:
            organisations.setdefault(risk.organisation_id, risk.item.owner_organisation)
        if risk.owner_id is not None:
            leads.setdefault(risk.owner_id, risk.item.owner)
    return Options(
        blocks=tuple(Option(b.slug, b.name) for b in blocks),
        organisations=_sorted_options(organisations),
        leads=_sorted_options(leads),
        quarters=tuple(Option(p.code, p.label) for p in quarter_options()),
    )


def _sorted_options(labels: dict[int, str]) -> tuple[Option, ...]:
    return tuple(
        Option(str(pk), label)
        for pk, label in sorted(labels.items(), key=lambda item: (item[1].lower(), item[0]))
    )


def known_filters(
    filters: ExceptionFilters, options: Options
) -> tuple[ExceptionFilters, tuple[str, ...]]:
    """The filters with any value that is not an option dropped, and which those were."""
    ignored = []
    if filters.block and filters.block not in {o.value for o in options.blocks}:
        filters, ignored = replace(filters, block=""), [*ignored, "block"]
    if filters.organisation is not None and str(filters.organisation) not in {
        o.value for o in options.organisations
    }:
        filters, ignored = replace(filters, organisation=None), [*ignored, "organisation"]
    if filters.lead is not None and str(filters.lead) not in {o.value for o in options.leads}:
        filters, ignored = replace(filters, lead=None), [*ignored, "lead"]
    if filters.rag and filters.rag not in {o.value for o in options.rags}:
        filters, ignored = replace(filters, rag=""), [*ignored, "rag"]
    return filters, tuple(ignored)


def risk_matches(risk: PsbRisk, filters: ExceptionFilters) -> bool:
    """Whether a risk's owner is the partner and lead filtered to."""
    return (filters.organisation is None or risk.organisation_id == filters.organisation) and (
        filters.lead is None or risk.owner_id == filters.lead
    )
