"""The form that adds or edits a funding stream with its amounts per financial year.

One form: what the stream is, then rows of a financial year and its amount. What was typed
is kept when anything is refused; every error is in the person's words, on the field to fix.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from partnership.models import Block, FundingStream, Organisation, Outcome
from partnership.pages import GovukRadios
from partnership.periods import Period as PeriodRef
from reporting.funding.services import StreamFields

MAX_ROWS = 30  # rows of amounts a form takes, whatever is posted
SPARE_ROWS = 2  # blank rows offered below the years already given
YEARS_AROUND = 2  # financial years offered either side of this one
ROW_KEY = re.compile(r"^year_(\d+)$")

AMOUNT_MESSAGE = "Enter the amount in pounds, for example 250000 or £250,000"


class AmountField(forms.DecimalField):
    """Pounds, typed as 250000, 250,000 or £250,000.50."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace(" ", "").removeprefix("£")
        return super().to_python(value)


def year_choices(today: date, given: list[str]) -> list[str]:
    """The financial years offered: two either side of today's, and any already given."""
    this = PeriodRef.year_of(today)
    years = {this.shift(n).code for n in range(-YEARS_AROUND, YEARS_AROUND + 1)}
    years |= {code for code in given if _is_year(code)}
    return sorted(years, key=PeriodRef.parse)


def _is_year(code: str) -> bool:
    try:
        return PeriodRef.parse(code).is_year
    except ValueError:
        return False


def rows_posted(data: Any) -> int:
    """How many rows of amounts were posted (at most MAX_ROWS)."""
    found = [int(m.group(1)) for key in data if (m := ROW_KEY.match(key))]
    return min(max(found, default=-1) + 1, MAX_ROWS)


def belongs_choices() -> list[tuple[str, Any]]:
    """Each block, then each block's outcomes: "block-3" or "outcome-12" (two queries)."""
    outcomes = Outcome.objects.select_related("block").order_by("block__order", "code")
    choices: list[tuple[str, Any]] = [("", "Choose a block or an outcome")]
    choices.append(("Blocks", [(f"block-{b.pk}", b.name) for b in Block.objects.all()]))
    choices.append(("Outcomes", [(f"outcome-{o.pk}", str(o)) for o in outcomes]))
    return choices


class StreamForm(forms.Form):
    name = forms.CharField(
        label="Name of the funding stream",
        max_length=200,
        error_messages={
            "required": "Enter the name of the funding stream",
            "max_length": "Enter a name of 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Aligned or pooled",
        help_text="Pooled money is put into one budget by the partners; aligned money stays "
        "in its partner's budget but is spent on the partnership's plan.",
        choices=FundingStream.Kind.choices,
        widget=GovukRadios,
        error_messages={
            "required": "Choose whether the stream is aligned or pooled",
            "invalid_choice": "Choose whether the stream is aligned or pooled",
        },
    )
    belongs = forms.ChoiceField(
        label="What it funds",
        help_text="A whole block, or one outcome.",
        error_messages={
            "required": "Choose the block or outcome the stream funds",
            "invalid_choice": "Choose the block or outcome the stream funds",
        },
    )
    provider = forms.ModelChoiceField(
        label="Provider (optional)",
        help_text="The partner the money comes from.",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not recorded",
        error_messages={"invalid_choice": "Choose a partner from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data: Any = None, *, today: date, initial: dict | None = None) -> None:
        initial = initial or {}
        given = [initial.get(f"year_{n}", "") for n in range(MAX_ROWS)]
        super().__init__(data, initial=initial)
        self.fields["belongs"].choices = belongs_choices()
        if data is not None:
            rows = rows_posted(data)
            given += [data.get(f"year_{n}", "") for n in range(rows)]
        else:
            rows = sum(1 for code in given if code) + SPARE_ROWS
        years = [("", "Choose a year")] + [(y, y) for y in year_choices(today, given)]
        for n in range(max(rows, 1)):
            self.fields[f"year_{n}"] = forms.ChoiceField(
                label="Financial year",
                choices=years,
                required=False,
                error_messages={"invalid_choice": "Choose a financial year from the list"},
            )
            self.fields[f"amount_{n}"] = AmountField(
                label="Amount",
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                error_messages={
                    "invalid": AMOUNT_MESSAGE,
                    "min_value": "The amount cannot be negative: enter 0 or more",
                    "max_digits": "Enter an amount of less than £1,000,000,000,000",
                    "max_decimal_places": "Enter the amount to the nearest penny",
                    "max_whole_digits": "Enter an amount of less than £1,000,000,000,000",
                },
            )
        self.row_count = max(rows, 1)

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"year_{n}"], self[f"amount_{n}"]) for n in range(self.row_count)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        seen: set[str] = set()
        for n in range(self.row_count):
            year, amount = cleaned.get(f"year_{n}"), cleaned.get(f"amount_{n}")
            if f"year_{n}" in self.errors or f"amount_{n}" in self.errors:
                continue
            if year and amount is None:
                self.add_error(f"amount_{n}", f"Enter the amount for {year}")
            elif amount is not None and not year:
                self.add_error(f"year_{n}", "Choose the financial year of this amount")
            elif year in seen:
                self.add_error(
                    f"year_{n}", f"{year} has an amount already: give each year's amount once"
                )
            if year:
                seen.add(year)
        return cleaned

    def amounts(self) -> list[tuple[str, Decimal]]:
        """The (year, amount) rows given, in order."""
        rows = ((self.cleaned_data.get(f"year_{n}"), self.cleaned_data.get(f"amount_{n}"))
                for n in range(self.row_count))  # fmt: skip
        return [(year, amount) for year, amount in rows if year and amount is not None]

    def stream_fields(self) -> StreamFields:
        kind, _, pk = self.cleaned_data["belongs"].partition("-")
        return StreamFields(
            name=self.cleaned_data["name"].strip(),
            kind=self.cleaned_data["kind"],
            block=Block.objects.get(pk=pk) if kind == "block" else None,
            outcome=Outcome.objects.get(pk=pk) if kind == "outcome" else None,
            provider=self.cleaned_data["provider"],
        )


def initial_of(stream: FundingStream) -> dict[str, Any]:
    """The form's first values for an edit of ``stream``."""
    initial: dict[str, Any] = {
        "name": stream.name,
        "kind": stream.kind,
        "belongs": f"outcome-{stream.outcome_id}"
        if stream.outcome_id
        else f"block-{stream.block_id}",
        "provider": stream.provider_id,
        "version": stream.version,
    }
    amounts = sorted(
        stream.amounts.values_list("year__code", "amount"), key=lambda a: PeriodRef.parse(a[0])
    )
    for n, (code, amount) in enumerate(amounts):
        initial[f"year_{n}"] = code
        initial[f"amount_{n}"] = int(amount) if amount == amount.to_integral_value() else amount
    return initial
