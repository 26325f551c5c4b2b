"""The quarterly return's forms under any input: the lead's values, reasons, dates
expected and commentary, the officer's reason for sending it back, and the round dates.

Whatever is typed the page answers (never a server error); when it is refused, the page
shows the error summary and nothing is stored (rows and history counted before and after).
"""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from indicators.enums import Unit
from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f
from tests.fuzz.strategies import ANY, TEXT

State = QuarterlyReturn.State
SUMMARY = 'class="govuk-error-summary"'
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def qr(db, outcome, lead_role):
    """The lead's Q2 return: a percentage with a target (its parts too), and money."""
    area = f.PartnershipAreaFactory()
    pct = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01")
    f.TargetFactory(indicator=pct, area=area)
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 02", unit=Unit.MONEY, decimal_places=2)
    q2_round = f.ReturnRoundFactory(period=f.period("2025-26-Q2"), state=ReturnRound.State.OPEN)
    return f.QuarterlyReturnFactory(round=q2_round, outcome=outcome)


def stored(qr) -> tuple:
    qr.refresh_from_db()
    return (
        qr.version,
        qr.state,
        IndicatorValue.objects.count(),
        IndicatorValue.history.count(),
        QuarterlyReturn.history.count(),
    )


ROW_PARTS = ("value", "numerator", "denominator", "status", "note", "reason")
DATE_PARTS = ("expected_day", "expected_month", "expected_year")
COMMENTARY = ("progress_summary", "going_well", "concerns_and_actions", "beyond_our_control")


# What a person would type, mixed in so that some posts are saved.
FAIR = {
    "value": ["46", "12.50", ""],
    "numerator": ["", "46"],
    "denominator": ["", "100"],
    "status": ["provisional", "final", "estimated"],
    "reason": ["", "Not yet published"],
}


@st.composite
def return_posts(draw, indicator_ids):
    data = {
        name: draw(ANY)
        for name in COMMENTARY
        if draw(st.booleans())  # a field left out of the post altogether at times
    }
    data["forecast_rag"] = draw(st.sampled_from(["", "green", "amber", "red"]) | TEXT)
    data["action"] = "save"
    for pk in indicator_ids:
        for part in ROW_PARTS + DATE_PARTS:
            if draw(st.booleans()):
                data[f"v{pk}_{part}"] = draw(ANY | st.sampled_from(FAIR.get(part, [""])))
        if draw(st.booleans()):
            data[f"v{pk}_confirm"] = draw(st.sampled_from(["on", "1", ""]) | TEXT)
    return data


@FUZZ
@given(data=st.data())
def test_any_return_post_is_saved_or_refused_with_nothing_saved(client, qr, lead, tried, data):
    ids = list(qr.outcome.primary_indicators.values_list("pk", flat=True))
    post = data.draw(return_posts(ids))
    tried()
    client.force_login(lead)
    before = stored(qr)
    post["version"] = str(before[0])

    response = client.post(f"/returns/{qr.pk}/", post)

    assert response.status_code in (200, 302)
    event("saved" if response.status_code == 302 else "refused")
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert stored(qr) == before
    else:
        assert stored(qr)[0] == before[0] + 1


@FUZZ
@given(version=ANY)
def test_a_return_post_with_any_version_is_refused_unless_it_is_the_one_opened(
    client, qr, lead, tried, version
):
    tried()
    client.force_login(lead)
    before = stored(qr)

    response = client.post(f"/returns/{qr.pk}/", {"version": version, "action": "save"})

    assert response.status_code in (200, 302)
    if version.strip() != str(before[0]):
        assert response.status_code == 200
        assert SUMMARY in response.content.decode()
        assert stored(qr) == before


@FUZZ
@given(reason=ANY, version=st.none() | ANY)
def test_any_reason_for_sending_back_sends_it_back_or_is_refused(
    client, qr, officer, tried, reason, version
):
    tried()
    QuarterlyReturn.objects.filter(pk=qr.pk).update(state=State.SUBMITTED)
    client.force_login(officer)
    before = stored(qr)
    post = {"send_back-reason": reason, "send_back-version": str(before[0])}
    if version is not None:
        post["send_back-version"] = version

    response = client.post(f"/returns/{qr.pk}/send-back/", post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert stored(qr) == before
    else:
        qr.refresh_from_db()
        assert qr.state == State.RETURNED
        assert qr.returned_reason == reason.strip()


DATE_NAMES = ("opens_on", "due_on", "closes_on")


@st.composite
def date_parts(draw, names):
    data = {}
    for name in names:
        day, month, year = draw(st.tuples(ANY, ANY, ANY) | st.just(("", "", "")))
        data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
    return data


def rounds_stored() -> tuple:
    return (
        ReturnRound.objects.count(),
        ReturnRound.history.count(),
        QuarterlyReturn.objects.count(),
        list(ReturnRound.objects.values_list("pk", "opens_on", "due_on", "closes_on", "state")),
    )


@FUZZ
@given(period=st.sampled_from(["2026-27-Q1", "2025-26-Q4", "2025-26"]) | TEXT, data=st.data())
def test_any_dates_to_open_a_round_open_it_or_are_refused(
    client, officer, outcome, tried, period, data
):
    dates = data.draw(date_parts(DATE_NAMES))
    tried()
    client.force_login(officer)
    before = rounds_stored()

    response = client.post("/returns/rounds/open/", {"period": period, **dates})

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert rounds_stored() == before
    else:
        assert rounds_stored()[0] == before[0] + 1


@FUZZ
@given(data=st.data())
def test_any_dates_to_extend_a_round_extend_it_or_are_refused(client, officer, qr, tried, data):
    dates = data.draw(date_parts(("due_on", "closes_on")))
    tried()
    client.force_login(officer)
    before = rounds_stored()

    response = client.post(f"/returns/rounds/{qr.round_id}/extend/", dates)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert rounds_stored() == before


# --- Regression: a superscript digit passed str.isdigit() and then int() failed: a 500 ---


def test_a_superscript_digit_as_the_version_is_refused(client, qr, lead):
    client.force_login(lead)
    before = stored(qr)

    response = client.post(f"/returns/{qr.pk}/", {"version": "²", "action": "save"})

    assert response.status_code == 200
    assert SUMMARY in response.content.decode()
    assert stored(qr) == before


def test_a_superscript_digit_in_a_round_date_is_refused(client, officer, outcome):
    client.force_login(officer)
    before = rounds_stored()
    dates = {"due_on_day": "²", "due_on_month": "1", "due_on_year": "2027"}

    response = client.post("/returns/rounds/open/", {"period": "2026-27-Q1", **dates})

    assert response.status_code == 200
    assert "Due date must be a real date" in response.content.decode()
    assert rounds_stored() == before
