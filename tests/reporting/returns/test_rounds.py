"""The rounds page (/returns/rounds/): opening, extending and closing rounds in the browser."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from indicators.enums import Frequency
from partnership.models import Period
from partnership.periods import Period as PeriodRef
from reporting.models import PartnershipCalendar, QuarterlyReturn, ReturnRound
from reporting.returns.selectors.returns_list import default_round_dates, rounds_page
from tests import factories as f
from tests.csv_helpers import csv_rows

State = QuarterlyReturn.State
URL = "/returns/rounds/"
OPEN_URL = "/returns/rounds/open/"
NOT_MANAGERS = ["council_officer", "lead_role", "board", "psb", "scrutiny", "nobody"]


def user_of(request, name):
    value = request.getfixturevalue(name)
    return getattr(value, "user", value)


def dates(prefix: str, value: date | None = None, **parts: str) -> dict[str, str]:
    """The three boxes of a GOV.UK date input, from a date or typed parts."""
    if value is not None:
        parts = {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    return {f"{prefix}_{part}": parts.get(part, "") for part in ("day", "month", "year")}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def latest(today):
    """The latest completed quarter: the one a round is usually opened for."""
    return PeriodRef.latest_completed_quarter(today)


@pytest.fixture
def the_round(db):
    return f.ReturnRoundFactory(
        period=f.period("2025-26-Q2"),
        opens_on=date(2025, 10, 1),
        due_on=date(2025, 10, 22),
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.OPEN,
    )


@pytest.fixture
def collected(outcome, other_outcome):
    """A quarterly indicator through each partner's outcome, and an annual one elsewhere."""
    f.IndicatorFactory(primary_outcome=outcome, frequency=Frequency.QUARTERLY)
    f.IndicatorFactory(primary_outcome=other_outcome, frequency=Frequency.QUARTERLY)
    f.IndicatorFactory(frequency=Frequency.ANNUAL)


# --- The usual dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "opens_on", "due_on", "closes_on"),
    [
        ("2026-27-Q2", date(2026, 10, 1), date(2026, 10, 22), date(2026, 11, 5)),
        ("2025-26-Q3", date(2026, 1, 2), date(2026, 1, 23), date(2026, 2, 6)),
        ("2025-26-Q4", date(2026, 4, 1), date(2026, 4, 24), date(2026, 5, 11)),
        ("2023-24-Q2", date(2023, 10, 2), date(2023, 10, 23), date(2023, 11, 6)),
    ],
    ids=[
        "quarter ending on a Wednesday",
        "new year's day is a bank holiday",
        "Easter and the early May bank holiday",
        "quarter ending on a Saturday",
    ],
)
def test_a_round_s_usual_dates_follow_the_partnership_calendar(
    quarter, opens_on, due_on, closes_on
):
    usual = default_round_dates(PeriodRef.parse(quarter), calendar=PartnershipCalendar())

    assert (usual.opens_on, usual.due_on, usual.closes_on) == (opens_on, due_on, closes_on)


# --- Who gets in ----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["officer", "admin_user"])
def test_performance_team_sees_the_rounds_page(request, client, the_round, person):
    client.force_login(user_of(request, person))

    response = client.get(URL)

    assert response.status_code == 200
    assert "Rounds of returns" in response.text
    assert "Q2 2025-26" in response.text


@pytest.mark.parametrize("person", NOT_MANAGERS)
def test_others_may_not_manage_rounds(request, client, the_round, person):
    client.force_login(user_of(request, person))

    for response in (
        client.get(URL),
        client.post(OPEN_URL, {"period": "2025-26-Q3"}),
        client.get(f"{URL}{the_round.pk}/extend/"),
        client.post(f"{URL}{the_round.pk}/extend/", dates("due_on", date(2025, 11, 1))),
        client.get(f"{URL}{the_round.pk}/close/"),
        client.post(f"{URL}{the_round.pk}/close/"),
    ):
        assert response.status_code == 403
        assert "Only the performance team manages rounds" in response.text
    the_round.refresh_from_db()
    assert the_round.state == ReturnRound.State.OPEN
    assert the_round.due_on == date(2025, 10, 22)
    assert not ReturnRound.objects.filter(period__code="2025-26-Q3").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [URL, OPEN_URL, f"{URL}1/extend/", f"{URL}1/close/"], ids=["list", "open", "ext", "cl"]
)
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("action", ["extend", "close"])
def test_an_unknown_round_is_not_found(client, officer, action):
    client.force_login(officer)

    assert client.get(f"{URL}999/{action}/").status_code == 404
    assert client.post(f"{URL}999/{action}/").status_code == 404


def test_opening_takes_only_a_post(client, officer):
    client.force_login(officer)

    assert client.get(OPEN_URL).status_code == 405


# --- The list of rounds ---------------------------------------------------------------------


def test_rounds_page_lists_each_round_with_its_dates_state_and_returns(
    client, officer, the_round, outcome, other_outcome
):
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.SUBMITTED)
    f.QuarterlyReturnFactory(round=the_round, outcome=other_outcome, state=State.APPROVED)
    f.QuarterlyReturnFactory(round=the_round, state=State.DRAFT)
    client.force_login(officer)

    response = client.get(URL)

    (line,) = response.context["page"].rounds
    assert (line.quarter, line.state_label) == ("Q2 2025-26", "Open")
    assert (line.returns, line.submitted, line.approved) == (3, 1, 1)
    assert (line.opens_on, line.due_on, line.closes_on) == (
        date(2025, 10, 1),
        date(2025, 10, 22),
        date(2025, 11, 5),
    )
    assert "22 Oct 2025" in response.text
    assert f'href="{URL}{the_round.pk}/extend/"' in response.text
    assert f'href="{URL}{the_round.pk}/close/"' in response.text


def test_a_closed_round_can_be_extended_but_not_closed(client, officer, the_round):
    the_round.state = ReturnRound.State.CLOSED
    the_round.save()
    client.force_login(officer)

    html = client.get(URL).text

    assert f'href="{URL}{the_round.pk}/extend/"' in html
    assert f'href="{URL}{the_round.pk}/close/"' not in html


def test_open_form_offers_recent_quarters_without_an_open_or_closed_round(
    client, officer, today, latest
):
    f.ReturnRoundFactory(
        period=f.period(latest.code),
        opens_on=latest.end_date + timedelta(days=1),
        due_on=latest.end_date + timedelta(days=21),
        closes_on=latest.end_date + timedelta(days=28),
        state=ReturnRound.State.OPEN,
    )
    scheduled = latest.shift(-1)
    f.ReturnRoundFactory(
        period=f.period(scheduled.code),
        opens_on=scheduled.end_date + timedelta(days=1),
        due_on=scheduled.end_date + timedelta(days=21),
        closes_on=scheduled.end_date + timedelta(days=28),
        state=ReturnRound.State.SCHEDULED,
    )
    client.force_login(officer)

    response = client.get(URL)

    offered = [q.code for q in response.context["quarter_options"]]
    assert latest.code not in offered
    assert offered[0] == scheduled.code
    assert offered == [latest.shift(-n).code for n in range(1, 8)]
    # Filled in with the first quarter's usual dates.
    usual = default_round_dates(scheduled, calendar=PartnershipCalendar())
    assert f'name="due_on_day" type="text" inputmode="numeric" value="{usual.due_on.day}"' in (
        response.text
    )
    assert f'<option value="{scheduled.code}" selected>' in response.text


def test_choosing_a_quarter_fills_in_its_usual_dates(client, officer, latest):
    earlier = latest.shift(-3)
    client.force_login(officer)

    response = client.get(URL, {"period": earlier.code}, headers={"HX-Request": "true"})

    form = response.context["form"]
    assert form.initial["period"] == earlier.code
    assert (
        form.initial["opens_on"]
        == default_round_dates(earlier, calendar=PartnershipCalendar()).opens_on
    )
    assert f'<option value="{earlier.code}" selected>' in response.text
    assert 'hx-get="/returns/rounds/"' in response.text


def test_rounds_page_query_count_does_not_grow_with_rounds(
    client, officer, outcome, django_assert_max_num_queries
):
    client.force_login(officer)
    quarter = PeriodRef.parse("2015-16-Q1")

    def add(n):
        nonlocal quarter
        for _ in range(n):
            round_ = f.ReturnRoundFactory(
                period=f.period(quarter.code),
                opens_on=quarter.end_date + timedelta(days=1),
                due_on=quarter.end_date + timedelta(days=21),
                closes_on=quarter.end_date + timedelta(days=28),
                state=ReturnRound.State.CLOSED,
            )
            f.QuarterlyReturnFactory(round=round_, outcome=outcome, state=State.APPROVED)
            quarter = quarter.next()

    add(3)
    with django_assert_max_num_queries(10) as three:
        client.get(URL)
    add(27)
    with django_assert_max_num_queries(len(three)) as thirty:
        response = client.get(URL)

    assert len(thirty) == len(three)
    assert len(response.context["page"].rounds) == 30


# --- Opening a round ------------------------------------------------------------------------


def test_officer_opens_a_round_with_a_return_for_each_outcome_with_values_due(
    client, officer, collected, outcome, other_outcome
):
    client.force_login(officer)
    assert not Period.objects.filter(code="2026-27-Q1").exists()

    response = client.post(
        OPEN_URL,
        {
            "period": "2026-27-Q1",
            **dates("opens_on", date(2026, 7, 1)),
            **dates("due_on", date(2026, 7, 22)),
            **dates("closes_on", date(2026, 7, 29)),
        },
    )

    assert response.status_code == 302
    assert response.url == URL
    opened = ReturnRound.objects.get(period__code="2026-27-Q1")
    assert opened.state == ReturnRound.State.OPEN
    assert (opened.opens_on, opened.due_on, opened.closes_on) == (
        date(2026, 7, 1),
        date(2026, 7, 22),
        date(2026, 7, 29),
    )
    assert set(opened.returns.values_list("outcome", flat=True)) == {outcome.pk, other_outcome.pk}
    page = client.get(response.url)
    assert "Opened the round for Q1 2026-27: 2 returns to complete by 22 July 2026" in page.text


def test_dates_left_blank_take_the_usual_ones(client, officer, collected):
    client.force_login(officer)

    client.post(OPEN_URL, {"period": "2026-27-Q2"})

    opened = ReturnRound.objects.get(period__code="2026-27-Q2")
    assert (opened.opens_on, opened.due_on, opened.closes_on) == (
        date(2026, 10, 1),
        date(2026, 10, 22),
        date(2026, 11, 5),
    )


def test_opening_a_scheduled_round_opens_it(client, officer, collected):
    scheduled = f.ReturnRoundFactory(period=f.period("2026-27-Q1"), state="scheduled")
    client.force_login(officer)

    client.post(OPEN_URL, {"period": "2026-27-Q1"})

    scheduled.refresh_from_db()
    assert scheduled.state == ReturnRound.State.OPEN
    assert scheduled.returns.count() == 2


def test_dates_out_of_order_are_refused_and_what_was_typed_is_kept(client, officer, collected):
    client.force_login(officer)

    response = client.post(
        OPEN_URL,
        {
            "period": "2026-27-Q1",
            **dates("opens_on", date(2026, 7, 30)),
            **dates("due_on", date(2026, 7, 22)),
            **dates("closes_on", date(2026, 7, 29)),
        },
    )

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: Rounds of returns" in html
    assert "There is a problem" in html
    assert "A round opens, then is due, then closes: check the dates." in html
    assert '<a href="#id_opens_on_0">' in html
    assert 'name="opens_on_day" type="text" inputmode="numeric" value="30"' in html
    assert 'name="due_on_day" type="text" inputmode="numeric" value="22"' in html
    assert '<option value="2026-27-Q1" selected>' in html
    assert not ReturnRound.objects.filter(period__code="2026-27-Q1").exists()
    # The new quarter's period is not left behind either.
    assert not Period.objects.filter(code="2026-27-Q1").exists()


def test_a_year_is_refused_and_kept_selected(client, officer, collected):
    client.force_login(officer)

    response = client.post(OPEN_URL, {"period": "2025-26", **dates("due_on", date(2026, 4, 20))})

    assert response.status_code == 200
    assert "Returns are made for a quarter, not a year (2025-26)." in response.text
    assert '<option value="2025-26" selected>' in response.text
    assert 'name="due_on_day" type="text" inputmode="numeric" value="20"' in response.text
    assert not ReturnRound.objects.exists()


def test_a_round_already_open_is_refused(client, officer, the_round):
    client.force_login(officer)

    response = client.post(OPEN_URL, {"period": "2025-26-Q2"})

    assert "The round for Q2 2025-26 is already open." in response.text
    the_round.refresh_from_db()
    assert the_round.due_on == date(2025, 10, 22)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": ""}, "id_period", "Select the quarter to open the round for"),
        ({"period": "next quarter"}, "id_period", "Select the quarter to open the round for"),
        (
            {"period": "2026-27-Q1", **dates("due_on", day="22", year="2026")},
            "id_due_on_0",
            "Due date must include a month",
        ),
        (
            {"period": "2026-27-Q1", **dates("opens_on", day="31", month="2", year="2026")},
            "id_opens_on_0",
            "Opening date must be a real date",
        ),
        (
            {"period": "2026-27-Q1", **dates("closes_on", day="x", month="8", year="2026")},
            "id_closes_on_0",
            "Closing date must be a real date",
        ),
        (
            {"period": "2026-27-Q1", **dates("closes_on", day="1", month="8", year="26")},
            "id_closes_on_0",
            "Closing date must be a real date",
        ),
        (
            {"period": "2026-27-Q1", **dates("closes_on", year="2026")},
            "id_closes_on_0",
            "Closing date must include a day and a month",
        ),
    ],
    ids=["no quarter", "not a quarter", "no month", "31 February", "letters", "short year", "year"],
)
def test_form_errors_link_to_the_field_and_keep_the_input(
    client, officer, collected, data, field, message
):
    client.force_login(officer)

    response = client.post(OPEN_URL, data)

    assert response.status_code == 200
    assert f'<li><a href="#{field}">{message}</a></li>' in response.text
    assert "govuk-form-group--error" in response.text
    assert not ReturnRound.objects.exists()
    for name, value in data.items():
        if name.endswith(("_day", "_month", "_year")) and value:
            assert f'name="{name}" type="text" inputmode="numeric" value="{value}"' in (
                response.text
            )


# --- Extending a round ----------------------------------------------------------------------


def extend_url(round_):
    return f"{URL}{round_.pk}/extend/"


def test_extend_form_shows_the_rounds_dates(client, officer, the_round):
    client.force_login(officer)

    response = client.get(extend_url(the_round))

    assert response.status_code == 200
    assert "Extend the round for Q2 2025-26" in response.text
    assert 'name="due_on_day" type="text" inputmode="numeric" value="22"' in response.text
    assert 'name="closes_on_month" type="text" inputmode="numeric" value="11"' in response.text


def test_officer_extends_a_round(client, officer, the_round):
    client.force_login(officer)

    response = client.post(
        extend_url(the_round),
        {**dates("due_on", date(2025, 11, 1)), **dates("closes_on", date(2025, 11, 12))},
    )

    assert response.status_code == 302
    assert response.url == URL
    the_round.refresh_from_db()
    assert (the_round.due_on, the_round.closes_on) == (date(2025, 11, 1), date(2025, 11, 12))
    assert "now due on 1 November 2025 and closes on 12 November 2025" in client.get(URL).text


def test_extending_a_closed_round_opens_it_again(client, officer, the_round):
    the_round.state = ReturnRound.State.CLOSED
    the_round.save()
    client.force_login(officer)

    assert "extending it opens it again" in client.get(extend_url(the_round)).text
    client.post(
        extend_url(the_round),
        {**dates("due_on", date(2025, 11, 1)), **dates("closes_on", date(2025, 11, 12))},
    )

    the_round.refresh_from_db()
    assert the_round.state == ReturnRound.State.OPEN


def test_extending_with_dates_out_of_order_is_refused_and_keeps_the_input(
    client, officer, the_round
):
    client.force_login(officer)

    response = client.post(
        extend_url(the_round),
        {**dates("due_on", date(2025, 11, 20)), **dates("closes_on", date(2025, 11, 12))},
    )

    assert response.status_code == 200
    assert "A round opens, then is due, then closes: check the dates." in response.text
    assert '<a href="#id_due_on_0">' in response.text
    assert 'name="due_on_day" type="text" inputmode="numeric" value="20"' in response.text
    assert 'name="closes_on_day" type="text" inputmode="numeric" value="12"' in response.text
    the_round.refresh_from_db()
    assert the_round.due_on == date(2025, 10, 22)


def test_extending_needs_both_dates(client, officer, the_round):
    client.force_login(officer)

    response = client.post(extend_url(the_round), dates("due_on", date(2025, 11, 20)))

    assert '<li><a href="#id_closes_on_0">Enter the closing date</a></li>' in response.text


# --- Closing a round ------------------------------------------------------------------------


def close_url(round_):
    return f"{URL}{round_.pk}/close/"


def test_closing_asks_first(client, officer, the_round):
    client.force_login(officer)

    response = client.get(close_url(the_round))

    assert response.status_code == 200
    assert "Close the round for Q2 2025-26?" in response.text
    assert "leads can no longer change their returns" in response.text
    the_round.refresh_from_db()
    assert the_round.state == ReturnRound.State.OPEN


def test_officer_closes_a_round(client, officer, the_round):
    client.force_login(officer)

    response = client.post(close_url(the_round))

    assert response.status_code == 302
    the_round.refresh_from_db()
    assert the_round.state == ReturnRound.State.CLOSED
    assert "Closed the round for Q2 2025-26" in client.get(URL).text


def test_closing_a_closed_round_is_refused_with_a_clear_message(client, officer, the_round):
    the_round.state = ReturnRound.State.CLOSED
    the_round.save()
    client.force_login(officer)

    response = client.post(close_url(the_round))

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "The round for Q2 2025-26 is closed, not open, so it cannot be closed." in response.text


def test_selector_offers_quarters_relative_to_the_date_it_is_given(db):
    page = rounds_page(today=date(2026, 11, 21))

    assert page.quarters_to_open[0].code == "2026-27-Q2"
    assert page.quarters_to_open[-1].code == "2024-25-Q3"


def test_the_rounds_page_links_to_the_quarterly_cycle(client, officer):
    client.force_login(officer)
    assert 'href="/returns/cycle/"' in client.get("/returns/rounds/").text


# --- The rounds as CSV (?format=csv&table=rounds) -------------------------------------------


def rounds_csv(client, table="rounds"):
    return client.get(URL, {"format": "csv", "table": table})


@pytest.mark.parametrize("person", ["officer", "admin_user"])
def test_the_performance_team_downloads_the_rounds_as_listed(
    request, client, the_round, outcome, other_outcome, person
):
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.SUBMITTED)
    f.QuarterlyReturnFactory(round=the_round, outcome=other_outcome, state=State.APPROVED)
    client.force_login(user_of(request, person))

    response = rounds_csv(client)

    assert response["Content-Disposition"] == 'attachment; filename="rounds.csv"'
    assert csv_rows(response) == [
        ["Quarter", "Opens", "Due", "Closes", "State", "Returns", "Submitted", "Approved"],
        ["Q2 2025-26", "2025-10-01", "2025-10-22", "2025-11-05", "Open", "2", "1", "1"],
    ]
    assert 'data-table="rounds"' in client.get(URL).text


@pytest.mark.parametrize("person", NOT_MANAGERS)
def test_others_may_not_download_the_rounds(request, client, the_round, person):
    client.force_login(user_of(request, person))
    response = rounds_csv(client)
    assert response.status_code == 403
    assert "Q2 2025-26" not in response.text


def test_the_rounds_download_needs_signing_in_and_a_known_table(client, officer, the_round):
    assert rounds_csv(client)["Location"].startswith("/accounts/login/")
    client.force_login(officer)
    assert rounds_csv(client, table="returns").status_code == 404
