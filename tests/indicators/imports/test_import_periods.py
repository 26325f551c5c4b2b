"""Periods as people write them, read into financial years and quarters (no database)."""

import pytest

from indicators.import_periods import PeriodError, read_period

EXACT = [
    ("2025-26-Q2", "2025-26-Q2"),
    ("Q2 2025-26", "2025-26-Q2"),
    ("q2 2025/26", "2025-26-Q2"),
    ("2025/26 Q2", "2025-26-Q2"),
    ("2025-26 Q4", "2025-26-Q4"),
    ("  2025 / 26  q1 ", "2025-26-Q1"),
    ("2025-26", "2025-26"),
    ("2025/26", "2025-26"),
    ("2025/2026", "2025-26"),
    ("2009-10", "2009-10"),
    ("1999/00", "1999-00"),
    ("Jul-Sep 2025", "2025-26-Q2"),
    ("Apr-Jun 2025", "2025-26-Q1"),
    ("October to December 2025", "2025-26-Q3"),
    ("Jan-Mar 2026", "2025-26-Q4"),
    ("Jan – Mar 2026", "2025-26-Q4"),
]


@pytest.mark.parametrize(("text", "code"), EXACT)
def test_a_financial_period_is_read_as_written(text, code):
    read = read_period(text)
    assert read.period.code == code
    assert read.mapped is None


MAPPED = [
    ("Q2 2006", "2006-07-Q1", "calendar quarter Q2 2006 (April to June 2006) read as Q1 2006-07"),
    ("2006 Q1", "2005-06-Q4", "calendar quarter Q1 2006 (January to March 2006) read as Q4 2005-06"),  # noqa: E501
    ("Q4 2025", "2025-26-Q3", "calendar quarter Q4 2025 (October to December 2025) read as Q3 2025-26"),  # noqa: E501
    ("2025", "2025-26", "calendar year 2025 read as the financial year 2025-26, which holds April to December 2025"),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "said"), MAPPED)
def test_a_calendar_period_is_mapped_and_says_so(text, code, said):
    read = read_period(text)
    assert read.period.code == code
    assert read.mapped == said


MONTHS = [
    ("Sep 2025", "2025-26-Q2", "September 2025 read as its quarter, Q2 2025-26"),
    ("September 2025", "2025-26-Q2", "September 2025 read as its quarter, Q2 2025-26"),
    ("2025-09", "2025-26-Q2", "September 2025 read as its quarter, Q2 2025-26"),
    ("Feb 2026", "2025-26-Q4", "February 2026 read as its quarter, Q4 2025-26"),
]


@pytest.mark.parametrize(("text", "code", "said"), MONTHS)
def test_a_month_of_a_monthly_indicator_is_read_as_its_quarter(text, code, said):
    read = read_period(text, monthly=True)
    assert (read.period.code, read.mapped) == (code, said)


@pytest.mark.parametrize("text", ["Sep 2025", "2025-09"])
def test_a_month_is_refused_for_an_indicator_that_is_not_monthly(text):
    with pytest.raises(PeriodError, match="is a month, and this indicator is not monthly"):
        read_period(text)


REFUSED = [
    ("", "The period is blank"),
    (None, "The period is blank"),
    ("06/07", "could be read more than one way"),
    ("6-7", "could be read more than one way"),
    ("2025-27", "is not a financial year: 2025 is followed by 26"),
    ("2025/2027 Q1", "is not a financial year"),
    ("Q5 2025-26", "is not a period"),
    ("Q2", "is not a period"),
    ("Feb-Apr 2025", "is not a financial quarter"),
    ("Jul-Oct 2025", "is not a financial quarter"),
    ("Foo-Bar 2025", "is not a period"),
    ("Smarch 2025", "is not a period"),
    ("0000", "is out of range"),
    ("0000-01", "is out of range"),
    ("Q1 1850", "is out of range"),
    ("2999-00", "is out of range"),
    ("x" * 50, "is not a period"),
    ("next year", "is not a period"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_an_unclear_period_is_refused_never_guessed(text, message):
    with pytest.raises(PeriodError, match=message):
        read_period(text, monthly=True)
