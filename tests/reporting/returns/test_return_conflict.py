"""Two people save the same return: the one refused sees their values beside the saved
ones, and keeps theirs with one press, on the version they saw (issue 9, point 10)."""

import html as html_lib
import re
from decimal import Decimal

import pytest

from indicators.enums import Unit
from indicators.models import IndicatorValue
from partnership.people import display_name
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns import services
from reporting.returns.services import Commentary, ValueEntry
from tests import factories as f
from tests.reporting.returns.test_return_page import (
    as_user,
    error_summary,
    form_data,
    name,
    text_of,
    url,
)


@pytest.fixture
def pct(outcome):
    return f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")


@pytest.fixture
def count(outcome):
    return f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )


@pytest.fixture
def qr(outcome, pct, count, lead_role):
    f.PartnershipAreaFactory()
    open_round = f.ReturnRoundFactory(period=f.period("2025-26-Q2"), state=ReturnRound.State.OPEN)
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome)


def officer_saves(qr, officer, *, count_value="3", words="Their words"):
    qr.refresh_from_db()
    count = qr.outcome.primary_indicators.get(code="CYP 02")
    return services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[ValueEntry(indicator_id=count.pk, value=Decimal(count_value))],
        commentary=Commentary(progress_summary=words),
        actor=officer,
    )


def keep_form(response) -> dict[str, str]:
    """What the "Keep my values" form posts, read from the page as a browser would."""
    page = response.content.decode()
    form = re.search(r'<form[^>]*id="keep-mine".*?</form>', page, re.S)
    assert form, "no Keep my values form"
    data = {
        html_lib.unescape(m.group(1)): html_lib.unescape(m.group(2))
        for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0))
    }
    button = re.search(r'<button[^>]*name="action" value="([^"]+)"[^>]*>Keep my values', page)
    assert button, "no Keep my values button"
    data["action"] = button.group(1)
    data.pop("csrfmiddlewaretoken", None)
    return data


def conflict_rows(response) -> list[tuple[str, str, str]]:
    section = re.search(r'<section[^>]*id="conflict".*?</section>', response.content.decode(), re.S)
    assert section, "no conflict section"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section.group(0), re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [tuple(" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row) for row in cells]


@pytest.fixture
def refused(client, qr, pct, count, lead, officer):
    """The lead typed values on the page opened at version 1; the officer saved first."""
    as_user(client, lead)
    opened = form_data(qr, {pct: "46.5"}, progress_summary="My words", forecast_rag="green")
    officer_saves(qr, officer)
    return client.post(url(qr), opened)


def test_the_refused_save_shows_my_values_beside_the_saved_ones(refused, qr, officer):
    assert refused.status_code == 200
    who = display_name(officer)
    assert (
        f"{who} saved this return since you opened it, so your changes are not saved yet"
        in error_summary(refused)
    )
    assert 'href="#conflict"' in refused.content.decode()
    text = text_of(refused)
    assert re.search(rf"{who} saved this return at \d\d:\d\d on \d+ \w+ \d{{4}}", text)
    assert conflict_rows(refused) == [
        ("What", "Your values", f"Saved by {who}"),
        ("CYP 01 value", "46.5%", "No value"),
        ("CYP 02 value", "No value", "3"),
        ("Progress summary", "My words", "Their words"),
        ("Forecast of year-end RAG", "Green", "No forecast yet"),
    ]
    qr.refresh_from_db()
    assert (qr.progress_summary, qr.version) == ("Their words", 2)
    assert not IndicatorValue.objects.filter(indicator__code="CYP 01").exists()


def test_nothing_typed_is_lost_the_keep_press_carries_it_all_on_the_version_shown(
    refused, qr, pct, count
):
    carried = keep_form(refused)
    assert carried["version"] == "2"  # the version it overrides, the one shown
    assert carried["action"] == "keep"
    assert carried[name(pct, "value")] == "46.5"
    assert carried["progress_summary"] == "My words"
    assert carried["forecast_rag"] == "green"
    assert name(count, "value") not in carried or carried[name(count, "value")] == ""


def test_keep_my_values_saves_mine_on_the_current_version_recorded_as_mine(
    client, refused, qr, pct, count, lead
):
    response = client.post(url(qr), keep_form(refused))

    assert (response.status_code, response.url) == (302, url(qr))
    qr.refresh_from_db()
    assert (qr.version, qr.progress_summary, qr.forecast_rag) == (3, "My words", "green")
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("46.5")
    assert not IndicatorValue.objects.filter(indicator=count).exists()  # I left it blank
    latest = qr.history.latest()
    assert latest.history_user == lead
    assert "Kept" in latest.history_change_reason
    removal = IndicatorValue.history.filter(indicator_id=count.pk).latest()
    assert (removal.history_type, removal.history_user) == ("-", lead)
    page = client.get(url(qr))
    assert "Your values have been saved as a draft" in text_of(page)


def test_keep_my_values_is_refused_again_when_someone_saved_in_between(
    client, refused, qr, officer
):
    carried = keep_form(refused)
    officer_saves(qr, officer, count_value="5", words="Newer words")

    again = client.post(url(qr), carried)

    assert again.status_code == 200
    assert ("Progress summary", "My words", "Newer words") in conflict_rows(again)
    assert ("CYP 02 value", "No value", "5") in conflict_rows(again)
    assert keep_form(again)["version"] == "3"
    qr.refresh_from_db()
    assert (qr.version, qr.progress_summary) == (3, "Newer words")


def test_use_the_saved_values_instead_opens_the_return_as_saved(refused, qr):
    assert f'href="{url(qr)}">Use the saved values instead</a>' in refused.content.decode()


def test_values_the_same_in_both_are_not_listed(client, qr, pct, count, lead, officer):
    as_user(client, lead)
    opened = form_data(qr, {count: "3"}, progress_summary="Their words")
    officer_saves(qr, officer)

    response = client.post(url(qr), opened)

    assert conflict_rows(response) == []
    assert "Your values are the same as the saved ones." in text_of(response)


def test_a_save_in_another_tab_is_named_as_mine(client, qr, pct, count, lead):
    as_user(client, lead)
    first, second = form_data(qr, {pct: "46"}), form_data(qr, {pct: "47"})
    assert client.post(url(qr), first).status_code == 302

    response = client.post(url(qr), second)

    assert "You saved this return in another tab or window" in text_of(response)
    assert ("CYP 01 value", "47.0%", "46.0%") in conflict_rows(response)


def test_an_officer_entering_for_the_lead_keeps_their_values_and_stays_on_the_form(
    client, qr, pct, lead, officer
):
    as_user(client, officer)
    opened = form_data(qr, {pct: "44"})
    services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[ValueEntry(indicator_id=pct.pk, value=Decimal("45"))],
        commentary=Commentary(),
        actor=lead,
    )
    refused = client.post(url(qr), opened)
    assert f'href="{url(qr)}?enter=1">Use the saved values instead</a>' in (
        refused.content.decode()
    )

    response = client.post(url(qr), keep_form(refused))

    assert (response.status_code, response.url) == (302, url(qr) + "?enter=1")
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("44")
    assert QuarterlyReturn.objects.get(pk=qr.pk).history.latest().history_user == officer


# --- The comparison, as a pure function ----------------------------------------------------


@pytest.mark.parametrize(
    ("yours", "saved", "listed"),
    [
        ({"A": "1"}, {"A": "1"}, []),
        ({"A": "1"}, {"A": "2"}, [("A", "1", "2")]),
        ({"A": ""}, {"A": "2"}, [("A", "None given", "2")]),
        ({"A": "1"}, {"A": ""}, [("A", "1", "None given")]),
        ({"A": "1"}, {}, [("A", "1", "None given")]),
        ({"A": None}, {"A": "Final"}, []),  # not compared on one side
        ({"A": "Final"}, {"A": None}, []),
        ({"B": "x", "A": "y"}, {"A": "z", "B": "w"}, [("B", "x", "w"), ("A", "y", "z")]),
    ],
)
def test_differences_lists_what_differs_in_the_order_typed(yours, saved, listed):
    from reporting.returns.forms.conflict import differences

    assert [(d.what, d.yours, d.saved) for d in differences(yours, saved)] == listed


def test_a_status_is_compared_only_where_both_give_a_value(client, qr, pct, lead, officer):
    services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[ValueEntry(indicator_id=pct.pk, value=Decimal("46"), status="final")],
        commentary=Commentary(),
        actor=officer,
    )
    as_user(client, lead)
    opened = form_data(qr, {pct: "46"}, version="1")  # provisional, on the old version

    rows = conflict_rows(client.post(url(qr), opened))

    assert ("CYP 01 status", "Provisional", "Final") in rows
    assert not any(what == "CYP 02 status" for what, *_ in rows)
