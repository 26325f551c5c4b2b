"""Checking typed values: tables in the users' words, and no database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.enums import Accumulation, Frequency, Unit
from indicators.validation import (
    CheckedValue,
    ValueProblem,
    comparable_periods,
    needs_confirmation,
    quality_flag,
    validate_entry,
    validate_value,
)
from partnership.periods import Period

D = Decimal
# Any text, and text shaped like numbers (signs, commas, points, a %), which finds more edges.
TEXT = st.one_of(st.text(max_size=60), st.from_regex(r"\A[+-]?[0-9,]{0,20}(\.[0-9]{0,12})?%?\Z"))


@pytest.mark.parametrize(
    ("raw", "unit", "places", "expected"),
    [
        ("42.5", Unit.PERCENTAGE, 1, D("42.5")),
        ("  42.5  ", Unit.PERCENTAGE, 1, D("42.5")),
        ("42.50", Unit.PERCENTAGE, 1, D("42.5")),  # trailing zeros are free
        ("42", Unit.PERCENTAGE, 1, D("42.0")),
        ("0", Unit.PERCENTAGE, 1, D("0.0")),
        ("100", Unit.PERCENTAGE, 1, D("100.0")),
        ("55%", Unit.PERCENTAGE, 1, D("55.0")),
        ("1,234", Unit.NUMBER, 0, D("1234")),
        ("1,234,567.25", Unit.MONEY, 2, D("1234567.25")),
        ("£1,500", Unit.MONEY, 2, D("1500.00")),
        ("-120", Unit.NUMBER, 0, D("-120")),  # a net change may fall
        ("-2500.50", Unit.MONEY, 2, D("-2500.50")),  # a deficit
        (".5", Unit.RATIO, 2, D("0.50")),
        ("+3", Unit.RATIO, 2, D("3.00")),
        ("345.67", Unit.RATE, 2, D("345.67")),
        ("yes", Unit.YES_NO, 0, D(1)),
        ("Yes", Unit.YES_NO, 0, D(1)),
        ("no", Unit.YES_NO, 0, D(0)),
        ("1", Unit.YES_NO, 0, D(1)),
        ("0", Unit.YES_NO, 0, D(0)),
        ("y", Unit.YES_NO, 0, D(1)),
    ],
)
def test_a_value_that_fits_its_unit_is_accepted(raw, unit, places, expected):
    value = validate_value(raw=raw, unit=unit, decimal_places=places, rate_per=None)
    assert value == expected
    assert value.as_tuple().exponent == -places or unit is Unit.YES_NO


@pytest.mark.parametrize(
    ("raw", "unit", "places", "message"),
    [
        ("", Unit.PERCENTAGE, 1, "Enter a number, like 42.5"),
        ("forty", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("12 people", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("4e2", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("NaN", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("Infinity", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("1,2345", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("1.2.3", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("-", Unit.NUMBER, 0, "Enter a number, like 42.5"),
        ("٣", Unit.NUMBER, 0, "Enter a number, like 42.5"),  # digits other than 0-9
        ("55%", Unit.NUMBER, 0, "Enter a number, like 42.5"),  # % only for a percentage
        ("101", Unit.PERCENTAGE, 1, "A percentage is from 0 to 100"),
        ("-0.1", Unit.PERCENTAGE, 1, "A percentage is from 0 to 100"),
        ("12.5", Unit.NUMBER, 0, "A count is a whole number"),
        ("42.55", Unit.PERCENTAGE, 1, "Give at most 1 decimal place"),
        ("3.125", Unit.MONEY, 2, "Give at most 2 decimal places"),
        ("42.5", Unit.PERCENTAGE, 0, "Give a whole number"),
        ("-5", Unit.RATE, 1, "A rate cannot be negative"),
        ("-0.5", Unit.RATIO, 2, "A ratio cannot be negative"),
        ("maybe", Unit.YES_NO, 0, "Enter yes or no"),
        ("2", Unit.YES_NO, 0, "Enter yes or no"),
        ("100000000000000", Unit.NUMBER, 0, "The number is too large"),
    ],
)
def test_a_value_that_does_not_fit_its_unit_is_refused_with_a_helpful_message(
    raw, unit, places, message
):
    with pytest.raises(ValueProblem) as problem:
        validate_value(raw=raw, unit=unit, decimal_places=places, rate_per=None)
    assert problem.value.message == message
    assert problem.value.field == "value"


def test_a_value_problem_is_a_value_error():
    assert issubclass(ValueProblem, ValueError)


@given(raw=TEXT, unit=st.sampled_from(list(Unit)), places=st.integers(0, 6))
def test_any_text_gives_a_value_or_a_value_problem(raw, unit, places):
    try:
        value = validate_value(raw=raw, unit=unit, decimal_places=places, rate_per=1000)
    except ValueProblem as problem:
        message = problem.message
    else:
        message = "ok" if value.is_finite() else ""
    assert message


@given(
    value=TEXT,
    numerator=TEXT,
    denominator=TEXT,
    unit=st.sampled_from(list(Unit)),
    places=st.integers(0, 6),
)
def test_any_text_for_a_value_and_its_parts_gives_a_value_or_a_value_problem(
    value, numerator, denominator, unit, places
):
    try:
        validate_entry(
            value=value,
            numerator=numerator,
            denominator=denominator,
            unit=unit,
            decimal_places=places,
            rate_per=100000,
        )
    except ValueProblem as problem:
        message = problem.message
    else:
        message = "ok"
    assert message


@given(
    numerator=st.decimals(min_value=0, max_value=10**9, places=3),
    denominator=st.decimals(min_value=D("0.001"), max_value=10**9, places=3),
    places=st.integers(0, 6),
)
def test_a_ratio_worked_out_from_its_parts_matches_them(numerator, denominator, places):
    checked = validate_entry(
        value="",
        numerator=f"{numerator:f}",
        denominator=f"{denominator:f}",
        unit=Unit.RATIO,
        decimal_places=places,
        rate_per=None,
    )
    assert checked.value is not None
    again = validate_entry(
        value=f"{checked.value:f}",
        numerator=f"{numerator:f}",
        denominator=f"{denominator:f}",
        unit=Unit.RATIO,
        decimal_places=places,
        rate_per=None,
    )
    assert again == checked


# --------------------------------------------------------- numerator and denominator


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "unit", "places", "rate_per", "expected"),
    [
        ("", "", "", Unit.PERCENTAGE, 1, None, CheckedValue(None)),  # missing
        ("42.5", "", "", Unit.PERCENTAGE, 1, None, CheckedValue(D("42.5"))),
        ("75", "30", "40", Unit.PERCENTAGE, 1, None, CheckedValue(D("75.0"), D(30), D(40))),
        ("", "30", "40", Unit.PERCENTAGE, 1, None, CheckedValue(D("75.0"), D(30), D(40))),
        # 1 ÷ 3 × 100 = 33.33...: 33.3 is within rounding, worked out it rounds half up.
        ("33.3", "1", "3", Unit.PERCENTAGE, 1, None, CheckedValue(D("33.3"), D(1), D(3))),
        ("", "2", "3", Unit.PERCENTAGE, 1, None, CheckedValue(D("66.7"), D(2), D(3))),
        ("", "1", "8", Unit.PERCENTAGE, 2, None, CheckedValue(D("12.50"), D(1), D(8))),
        # A rate per 1000: 45 ÷ 12,000 × 1000 = 3.75.
        ("3.75", "45", "12,000", Unit.RATE, 2, 1000, CheckedValue(D("3.75"), D(45), D(12000))),
        ("", "45", "12000", Unit.RATE, 1, 1000, CheckedValue(D("3.8"), D(45), D(12000))),
        ("", "3", "2", Unit.RATIO, 2, None, CheckedValue(D("1.50"), D(3), D(2))),
    ],
)
def test_a_value_and_its_parts_that_agree_are_accepted(
    value, numerator, denominator, unit, places, rate_per, expected
):
    checked = validate_entry(
        value=value,
        numerator=numerator,
        denominator=denominator,
        unit=unit,
        decimal_places=places,
        rate_per=rate_per,
    )
    assert checked == expected


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "unit", "rate_per", "field", "message"),
    [
        ("", "30", "", Unit.PERCENTAGE, None, "denominator", "Give both the numerator and"),
        ("", "", "40", Unit.PERCENTAGE, None, "numerator", "Give both the numerator and"),
        ("", "30", "0", Unit.PERCENTAGE, None, "denominator", "The denominator cannot be zero"),
        ("", "-3", "40", Unit.PERCENTAGE, None, "numerator", "The numerator cannot be negative"),
        ("", "x", "40", Unit.PERCENTAGE, None, "numerator", "Enter a number, like 42.5"),
        ("", "3", "forty", Unit.PERCENTAGE, None, "denominator", "Enter a number, like 42.5"),
        ("12", "3", "4", Unit.NUMBER, None, "numerator", "This indicator has no numerator"),
        (
            "70",
            "30",
            "40",
            Unit.PERCENTAGE,
            None,
            "value",
            "The value does not match the numerator and denominator: 30 ÷ 40 × 100 is 75.0",
        ),
        (
            "",
            "50",
            "40",
            Unit.PERCENTAGE,
            None,
            "numerator",
            "50 ÷ 40 × 100 is 125.0: a percentage is from 0 to 100",
        ),
        ("", "5", "10", Unit.RATE, None, "denominator", "This rate has no 'per how many' set"),
        ("", "99999999999999", "0.000001", Unit.RATE, 100000, "numerator", "is too large"),
        ("", "3", "4.1234567", Unit.PERCENTAGE, None, "denominator", "at most 6 decimal places"),
    ],
)
def test_a_value_and_its_parts_that_disagree_are_refused(
    value, numerator, denominator, unit, rate_per, field, message
):
    with pytest.raises(ValueProblem) as problem:
        validate_entry(
            value=value,
            numerator=numerator,
            denominator=denominator,
            unit=unit,
            decimal_places=1,
            rate_per=rate_per,
        )
    assert message in problem.value.message
    assert problem.value.field == field


# ------------------------------------------------------------------ data quality

HISTORY = [D(50), D(52), D(48), D(51), D(49)]


@pytest.mark.parametrize(
    ("case", "value", "previous", "history", "flagged"),
    [
        ("a missing value asks nothing", None, D(50), HISTORY, None),
        ("a small move is fine", D(55), D(50), [], None),
        ("exactly 25% up is fine", D("62.5"), D(50), [], None),
        ("more than 25% up needs confirming", D("62.6"), D(50), [], "risen by 25%"),
        ("more than 25% down needs confirming", D(30), D(50), [], "fallen by 40%"),
        ("a fall judged against a negative figure", D(-20), D(-10), [], "fallen by 100%"),
        ("a move from zero needs confirming", D(5), D(0), [], "moved from 0"),
        ("zero to zero is fine", D(0), D(0), [], None),
        ("no previous value, no change rule", D(500), None, [], None),
        ("an outlier against the history", D(60), None, HISTORY, "far outside"),
        ("within the history's spread", D(53), None, HISTORY, None),
        ("three points of history are too few", D(90), None, HISTORY[:3], None),
        ("a history that never varies has no spread", D(51), None, [D(50)] * 6, None),
    ],
)
def test_a_value_that_moves_a_lot_needs_confirmation(case, value, previous, history, flagged):
    reason = needs_confirmation(value=value, previous_comparable=previous, history=history)
    if flagged is None:
        assert reason is None, case
    else:
        assert reason is not None, case
        assert flagged in reason, case
        assert reason.endswith("Confirm it is right and say why in the note."), case


def test_the_change_allowed_can_be_set():
    assert needs_confirmation(
        value=D(55), previous_comparable=D(50), history=[], max_change_pct=D(5)
    ) == (
        "It has risen by 10% from 50 in the previous comparable period (more than 5%). "
        "Confirm it is right and say why in the note."
    )


def test_both_reasons_are_given_when_both_apply():
    reason = needs_confirmation(value=D(90), previous_comparable=D(50), history=HISTORY)
    assert "risen by 80%" in reason
    assert "far outside" in reason


def test_a_negative_change_allowed_is_a_mistake():
    with pytest.raises(ValueError, match="percentage"):
        needs_confirmation(value=D(1), previous_comparable=D(1), history=[], max_change_pct=D(-1))


@pytest.mark.parametrize(
    ("case", "frequency", "accumulation", "previous", "first_history", "count"),
    [
        ("a quarterly position: the quarter before", "quarterly", "snapshot", "2025-26-Q1",
         "2022-23-Q2", 12),
        ("a rolling figure: the quarter before", "monthly", "rolling", "2025-26-Q1",
         "2022-23-Q2", 12),
        ("a discrete count: the same quarter last year", "quarterly", "discrete", "2024-25-Q2",
         "2020-21-Q2", 5),
        ("year to date: the same quarter last year", "quarterly", "cumulative", "2024-25-Q2",
         "2020-21-Q2", 5),
        ("an annual figure: the year before", "annual", "snapshot", "2024-25-Q2",
         "2020-21-Q2", 5),
    ],
)  # fmt: skip
def test_a_value_is_compared_with_the_period_it_is_comparable_with(
    case, frequency, accumulation, previous, first_history, count
):
    comparison = comparable_periods(
        period=Period.parse("2025-26-Q2"),
        frequency=Frequency(frequency),
        accumulation=Accumulation(accumulation),
    )
    assert comparison.previous.code == previous, case
    assert comparison.history[0].code == first_history, case
    assert len(comparison.history) == count, case
    assert Period.parse("2025-26-Q2") not in comparison.history


@pytest.mark.parametrize(
    ("value", "unit", "saved", "previous", "flagged"),
    [
        pytest.param(D("70"), Unit.PERCENTAGE, None, D("50"), True, id="a big move is flagged"),
        pytest.param(D("52"), Unit.PERCENTAGE, None, D("50"), False, id="a small move is not"),
        pytest.param(
            D("70"), Unit.PERCENTAGE, D("70"), D("50"), False, id="saved before and unchanged"
        ),
        pytest.param(
            D("75"), Unit.PERCENTAGE, D("70"), D("50"), True, id="saved before, then changed"
        ),
        pytest.param(D("1"), Unit.YES_NO, None, D("0"), False, id="a yes/no answer never"),
        pytest.param(None, Unit.NUMBER, None, D("50"), False, id="a missing value never"),
    ],
)
def test_quality_flag_asks_about_a_value_only_when_it_should(value, unit, saved, previous, flagged):
    reason = quality_flag(
        value=value, unit=unit, saved=saved, previous_comparable=previous, history=()
    )
    assert (reason is not None) is flagged


def test_a_flag_shows_numbers_as_people_write_them():
    reason = quality_flag(
        value=D("70"), unit=Unit.NUMBER, saved=None, previous_comparable=D("40.000000"), history=()
    )
    assert "from 40 in the previous comparable period" in reason
