"""The quarterly return page: entry by the lead, live RAG, review by officers, history."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.enums import Polarity, Unit, ValueStatus
from indicators.models import IndicatorValue
from partnership.errors import ApplicationError
from partnership.models import Role
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns import services
from reporting.returns.selectors.return_page import format_value, return_page
from reporting.returns.services import Commentary, ValueEntry
from tests import factories as f

State = QuarterlyReturn.State

# --- Fixtures (named apart from tests/reporting/conftest.py's) ---------------------------


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def q2(db):
    return f.period("2025-26-Q2")


@pytest.fixture
def q2_round(q2):
    return f.ReturnRoundFactory(period=q2, state=ReturnRound.State.OPEN)


@pytest.fixture
def pct(outcome, area):
    """A percentage, higher is better, with a target: its milestone for Q2 2025-26 is 45.

    The line runs from 40 at the end of 2024-25 to 60 at the end of 2026-27: 2.5 a quarter.
    The tolerance is 5 % of 45 (2.25), so 42.75 up to 45 is amber.
    """
    indicator = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Children in good schools"
    )
    f.TargetFactory(indicator=indicator, area=area)
    return indicator


@pytest.fixture
def count(outcome):
    """A count, collected through the lead's outcome, with no target (data only)."""
    return f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )


@pytest.fixture
def qr(q2_round, outcome, pct, count, area, lead_role):
    """The lead's return for Q2, not started, for an outcome with two indicators."""
    return f.QuarterlyReturnFactory(round=q2_round, outcome=outcome)


def url(qr, *parts):
    return "/".join([f"/returns/{qr.pk}", *parts]) + "/"


def name(indicator, part):
    return f"v{indicator.pk}_{part}"


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def form_data(qr, values=None, action="save", **extra):
    """A post of the return form: every indicator blank, then ``values`` by indicator."""
    data = {"version": str(qr.version), "action": action, "forecast_rag": ""}
    for indicator in qr.outcome.primary_indicators.all():
        data[name(indicator, "value")] = ""
        data[name(indicator, "status")] = ValueStatus.PROVISIONAL.value
        data[name(indicator, "note")] = ""
        data[name(indicator, "reason")] = ""
    for indicator, value in (values or {}).items():
        data[name(indicator, "value")] = value
    data.update(extra)
    return data


def as_user(client, user):
    user = getattr(user, "user", user)
    client.force_login(user)
    return user


def set_state(qr, state, **extra):
    QuarterlyReturn.objects.filter(pk=qr.pk).update(state=state, **extra)
    qr.refresh_from_db()
    return qr


def approved(qr, lead, officer, pct_value="46", count_value="12"):
    """The return saved by its lead, submitted, and approved by an officer."""
    pct, count = qr.outcome.primary_indicators.order_by("code")
    qr = services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[
            ValueEntry(indicator_id=pct.pk, value=Decimal(pct_value)),
            ValueEntry(indicator_id=count.pk, value=Decimal(count_value)),
        ],
        commentary=Commentary(progress_summary="Going to plan"),
        actor=lead,
    )
    qr = services.return_submit(quarterly_return=qr, version=qr.version, actor=lead)
    return services.return_approve(quarterly_return=qr, version=qr.version, actor=officer)


# --- Who sees the page -------------------------------------------------------------------


def test_the_lead_sees_their_return_with_inputs(client, qr, pct, count, lead):
    as_user(client, lead)
    response = client.get(url(qr))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{name(pct, "value")}"' in html
    assert f'name="{name(count, "value")}"' in html
    assert f'name="{name(pct, "numerator")}"' in html  # a percentage has parts
    assert f'name="{name(count, "numerator")}"' not in html  # a count has none
    assert "Save draft" in html
    assert "Submit return" in html
    text = text_of(response)
    assert f"{qr.outcome.code} {qr.outcome.title}" in text
    assert "Quarterly return for Q2 2025-26" in text
    assert "Children and Young People" in text
    assert "Not started" in text
    assert "Sam Person" in text
    assert "Anycity Council" in text
    assert "Higher is better" in text
    assert "Milestone for Q2 2025-26" in text
    assert "45.0%" in text
    assert "60.0% by 2026-27" in text
    assert "No target (data only)" in text


def test_another_partners_lead_cannot_see_a_draft(client, qr, other_lead_role):
    as_user(client, other_lead_role)
    assert client.get(url(qr)).status_code == 404


def test_a_colleague_of_the_lead_sees_the_draft_read_only(client, qr, pct, colleague):
    as_user(client, colleague)
    response = client.get(url(qr))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{name(pct, "value")}"' not in html
    assert "Save draft" not in html
    assert "Approve" not in html


@pytest.mark.parametrize("person", ["officer", "council_officer", "admin_user"])
def test_the_officers_can_open_and_enter_a_draft(client, qr, pct, person, request):
    """They read it first (they are not its lead), and enter it when they choose to."""
    as_user(client, request.getfixturevalue(person))
    response = client.get(url(qr))
    assert response.status_code == 200
    assert f'name="{name(pct, "value")}"' not in response.content.decode()
    entering = client.get(url(qr) + "?enter=1")
    assert f'name="{name(pct, "value")}"' in entering.content.decode()


@pytest.mark.parametrize("person", ["board", "psb", "scrutiny", "nobody"])
def test_readers_cannot_see_a_draft(client, qr, person, request):
    as_user(client, request.getfixturevalue(person))
    assert client.get(url(qr)).status_code == 404


@pytest.mark.parametrize("person", ["board", "psb", "scrutiny", "other_lead_role"])
def test_readers_see_an_approved_return_read_only_with_its_values(
    client, qr, pct, lead, officer, person, request
):
    approved(qr, lead, officer)
    as_user(client, request.getfixturevalue(person))
    response = client.get(url(qr))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{name(pct, "value")}"' not in html
    assert "Save draft" not in html
    assert ">Reopen<" not in html
    text = text_of(response)
    assert "Approved" in text
    assert "46.0% (provisional)" in text
    assert "Going to plan" in text


def test_someone_signed_out_is_sent_to_sign_in(client, qr):
    response = client.get(url(qr))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_unknown_return_is_not_found(client, lead_role):
    as_user(client, lead_role)
    assert client.get("/returns/999999/").status_code == 404


def test_the_url_names(qr):
    assert reverse("return_detail", args=[qr.pk]) == url(qr)
    assert reverse("return_live_rag", args=[qr.pk, 7]) == url(qr, "rag", "7")
    assert reverse("return_approve", args=[qr.pk]) == url(qr, "approve")
    assert reverse("return_send_back", args=[qr.pk]) == url(qr, "send-back")
    assert reverse("return_reopen", args=[qr.pk]) == url(qr, "reopen")


# --- The row's context -------------------------------------------------------------------


def test_the_row_shows_the_last_four_quarters_and_marks_estimates(client, qr, pct, area, lead):
    for code, value, status in [
        ("2024-25-Q2", "41", ValueStatus.FINAL),
        ("2024-25-Q4", "43.5", ValueStatus.ESTIMATED),
        ("2025-26-Q1", "44", ValueStatus.FINAL),
        ("2024-25-Q1", "39", ValueStatus.FINAL),  # five quarters back: not shown
    ]:
        f.IndicatorValueFactory(
            indicator=pct, area=area, period=f.period(code), value=Decimal(value), status=status
        )
    as_user(client, lead)
    text = text_of(client.get(url(qr)))
    assert "Q2 2024-25 same quarter last year Q3 2024-25 Q4 2024-25 Q1 2025-26" in text
    assert "41.0% – No value 43.5% (estimated) 44.0%" in text
    assert "39.0%" not in text


def test_values_from_other_areas_are_not_shown(client, qr, pct, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=f.AreaFactory(), period=f.period("2025-26-Q1"), value=Decimal("77")
    )
    as_user(client, lead)
    assert "77.0%" not in text_of(client.get(url(qr)))


def test_a_stretch_target_is_marked(client, qr, count, area, lead):
    f.TargetFactory(
        indicator=count,
        area=area,
        kind="stretch",
        standard_target_value=Decimal("50"),
        baseline_value=Decimal("40"),
        target_value=Decimal("70"),
    )
    as_user(client, lead)
    text = text_of(client.get(url(qr)))
    assert "70 by 2026-27 Stretch target" in text


def test_the_rag_of_a_stored_value_shows_as_the_page_opens(client, qr, pct, area, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=qr.round.period, value=Decimal("41"), is_approved=False
    )
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2024-25-Q2"), value=Decimal("44")
    )
    as_user(client, lead)
    html = client.get(url(qr)).content.decode()
    status = re.search(rf'id="status-{pct.pk}"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert 'aria-live="polite"' in re.search(rf'<div id="status-{pct.pk}"[^>]*>', html).group(0)
    assert "Red" in status
    assert "Direction of travel:" in status
    assert "Worsening" in status


# --- Saving and submitting ---------------------------------------------------------------


def test_the_lead_saves_a_draft_and_sees_a_success_banner(client, qr, pct, count, lead):
    as_user(client, lead)
    data = form_data(
        qr,
        {pct: "46.5", count: "12"},
        progress_summary="On track",
        forecast_rag="green",
        **{name(pct, "note"): "From the school census"},
    )
    response = client.post(url(qr), data)
    assert response.status_code == 302
    assert response.url == url(qr)
    qr.refresh_from_db()
    assert (qr.state, qr.version, qr.progress_summary, qr.forecast_rag) == (
        State.DRAFT,
        2,
        "On track",
        "green",
    )
    value = IndicatorValue.objects.get(indicator=pct)
    assert (value.value, value.note, value.is_approved) == (
        Decimal("46.5"),
        "From the school census",
        False,
    )
    page = client.get(url(qr))
    assert "govuk-notification-banner--success" in page.content.decode()
    assert "Your draft has been saved." in text_of(page)
    assert 'value="46.5"' in page.content.decode()


def test_a_value_can_be_given_by_its_numerator_and_denominator(client, qr, pct, lead):
    as_user(client, lead)
    data = form_data(qr, **{name(pct, "numerator"): "93", name(pct, "denominator"): "200"})
    assert client.post(url(qr), data).status_code == 302
    value = IndicatorValue.objects.get(indicator=pct)
    assert (value.value, value.numerator, value.denominator) == (
        Decimal("46.5"),
        Decimal("93"),
        Decimal("200"),
    )


def test_the_lead_submits_a_complete_return(client, qr, pct, count, lead):
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "46", count: "7"}, action="submit"))
    assert response.status_code == 302
    qr.refresh_from_db()
    assert qr.state == State.SUBMITTED
    assert IndicatorValue.objects.get(indicator=count).value == Decimal("7")
    assert "Your return has been submitted" in text_of(client.get(url(qr)))


def test_a_missing_value_with_a_reason_and_date_can_be_submitted(client, qr, pct, count, lead):
    as_user(client, lead)
    data = form_data(
        qr,
        {pct: "46"},
        action="submit",
        **{
            name(count, "reason"): "Not yet published",
            name(count, "expected_day"): "15",
            name(count, "expected_month"): "11",
            name(count, "expected_year"): "2025",
        },
    )
    assert client.post(url(qr), data).status_code == 302
    qr.refresh_from_db()
    assert qr.state == State.SUBMITTED
    assert qr.missing_values == {
        str(count.pk): {"reason": "Not yet published", "expected_on": "2025-11-15"}
    }
    as_user(client, lead)
    text = text_of(client.get(url(qr)))
    assert "Not available: Not yet published. Expected by 15 November 2025" in text
    assert "CYP 02: why the value is missing: – → changed to Not yet published" in text


def error_summary(response) -> str:
    match = re.search(r'class="govuk-error-summary".*?</ul>', response.content.decode(), re.S)
    assert match, "no error summary"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"pct": "150"}, "pct_value", "CYP 01: A percentage is from 0 to 100"),
        ({"pct": "abc"}, "pct_value", "CYP 01: Enter a number, like 42.5"),
        ({"count": "2.5"}, "count_value", "CYP 02: A count is a whole number"),
    ],
    ids=["a percentage of 150", "text", "a count with decimals"],
)
def test_a_value_that_does_not_fit_its_unit_is_shown_beside_it_and_nothing_is_saved(
    client, qr, pct, count, lead, typed, field, message
):
    indicators = {"pct": pct, "count": count}
    as_user(client, lead)
    values = {indicators[k]: v for k, v in typed.items()}
    response = client.post(url(qr), form_data(qr, values, progress_summary="Kept"))
    assert response.status_code == 200
    assert message in error_summary(response)
    indicator = indicators[field.split("_")[0]]
    html = response.content.decode()
    assert f'href="#id_{name(indicator, "value")}"' in html
    assert "govuk-input--error" in html
    assert f'value="{next(iter(typed.values()))}"' in html  # what was typed is kept
    assert "Kept</textarea>" in html
    assert response.context["error_form"] is response.context["form"]
    assert text_of(response).startswith("Error:") or "<title>Error:" in html
    assert not IndicatorValue.objects.exists()
    qr.refresh_from_db()
    assert qr.version == 1


def test_a_missing_value_without_a_reason_is_refused_at_submit(client, qr, pct, count, lead):
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "46"}, action="submit"))
    assert response.status_code == 200
    assert "CYP 02: enter a value, or say why it is not available yet" in error_summary(response)
    assert f'href="#id_{name(count, "reason")}"' in response.content.decode()
    assert 'value="46"' in response.content.decode()
    qr.refresh_from_db()
    assert qr.state == State.NOT_STARTED


def test_a_missing_value_without_a_reason_can_be_saved_as_a_draft(client, qr, pct, lead):
    as_user(client, lead)
    assert client.post(url(qr), form_data(qr, {pct: "46"})).status_code == 302
    qr.refresh_from_db()
    assert qr.state == State.DRAFT


def test_a_draft_saved_with_blanks_lists_the_indicators_still_to_give(client, qr, pct, count, lead):
    as_user(client, lead)
    assert "still-to-give" not in client.get(url(qr)).content.decode()  # nothing saved yet
    data = form_data(qr, {pct: "46"})

    page = client.get(client.post(url(qr), data).url).content.decode()

    still = re.search(r'id="still-to-give".*?</ul>', page, re.S)
    assert still, "the page does not list the indicators still without a value"
    assert "1 indicator still has no value and no reason why not" in still.group(0)
    assert f'<a class="govuk-link" href="#id_{name(count, "value")}">CYP 02 ' in still.group(0)
    assert "CYP 01" not in still.group(0)

    qr.refresh_from_db()
    reason = form_data(qr, {pct: "46"}, **{name(count, "reason"): "Not yet published"})
    page = client.get(client.post(url(qr), reason).url).content.decode()
    assert "still-to-give" not in page


def test_a_date_expected_that_is_not_real_is_refused(client, qr, count, lead):
    as_user(client, lead)
    data = form_data(
        qr,
        **{
            name(count, "reason"): "Late",
            name(count, "expected_day"): "31",
            name(count, "expected_month"): "2",
            name(count, "expected_year"): "2026",
        },
    )
    response = client.post(url(qr), data)
    assert "CYP 02: the date expected must be a real date" in error_summary(response)
    assert 'value="31"' in response.content.decode()


def test_a_big_move_must_be_confirmed_with_a_note(client, qr, pct, area, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2025-26-Q1"), value=Decimal("40")
    )
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "80"}))
    assert response.status_code == 200
    assert "CYP 01: confirm the value is right, or correct it" in error_summary(response)
    html = response.content.decode()
    assert f'name="{name(pct, "confirm")}"' in html
    assert "It has risen by 100% from 40 in the previous comparable period" in html

    confirmed = form_data(
        qr, {pct: "80"}, **{name(pct, "confirm"): "on", name(pct, "note"): "New school opened"}
    )
    assert client.post(url(qr), confirmed).status_code == 302
    assert IndicatorValue.objects.get(indicator=pct, period=qr.round.period).value == 80


def test_a_confirmed_value_still_needs_a_note(client, qr, pct, area, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2025-26-Q1"), value=Decimal("40")
    )
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "80"}, **{name(pct, "confirm"): "on"}))
    assert "CYP 01: say in the note why the value is right" in error_summary(response)


def test_a_stale_save_is_refused_and_what_was_typed_is_kept(client, qr, pct, count, lead, officer):
    as_user(client, lead)
    opened = form_data(qr, {pct: "46.5"}, progress_summary="My words")
    services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[ValueEntry(indicator_id=count.pk, value=Decimal("3"))],
        commentary=Commentary(progress_summary="Their words"),
        actor=officer,
    )
    response = client.post(url(qr), opened)
    assert response.status_code == 200
    assert "saved this return since you opened it" in error_summary(response)
    html = response.content.decode()
    assert 'value="46.5"' in html  # kept, to be saved with "Keep my values"
    assert "My words</td>" in html  # shown beside the saved "Their words"
    qr.refresh_from_db()
    assert (qr.progress_summary, qr.version) == ("Their words", 2)
    assert not IndicatorValue.objects.filter(indicator=pct).exists()


def test_a_save_after_someone_else_submitted_says_why_and_keeps_the_input(
    client, qr, pct, count, lead, officer
):
    as_user(client, lead)
    opened = form_data(qr, {pct: "46.5", count: "4"})
    saved = services.return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[
            ValueEntry(indicator_id=pct.pk, value=Decimal("44")),
            ValueEntry(indicator_id=count.pk, value=Decimal("3")),
        ],
        commentary=Commentary(),
        actor=officer,
    )
    services.return_submit(quarterly_return=saved, version=saved.version, actor=officer)
    response = client.post(url(qr), opened)
    assert response.status_code == 200
    assert "This return is submitted and waiting for review" in error_summary(response)
    assert 'value="46.5"' in response.content.decode()


def test_if_submit_is_refused_the_draft_is_kept_with_the_reason(
    client, qr, pct, count, lead, monkeypatch
):
    def refuse(**kwargs):
        raise ApplicationError("The round is being closed.")

    monkeypatch.setattr(services, "return_submit", refuse)
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "46", count: "3"}, action="submit"))
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Your draft was saved, but the return was not submitted." in summary
    assert "The round is being closed." in summary
    qr.refresh_from_db()
    assert (qr.state, qr.version) == (State.DRAFT, 2)
    assert 'name="version" value="2"' in response.content.decode()


@pytest.mark.parametrize("person", ["colleague", "board", "scrutiny"])
def test_people_who_do_not_enter_the_return_cannot_save_it(client, qr, pct, person, request):
    user = as_user(client, request.getfixturevalue(person))
    if person != "colleague":  # readers only see an approved return
        set_state(qr, State.APPROVED)
    response = client.post(url(qr), form_data(qr, {pct: "46"}))
    assert response.status_code == 403, user
    assert not IndicatorValue.objects.exists()


def test_another_partners_lead_cannot_save_a_draft(client, qr, pct, other_lead_role):
    as_user(client, other_lead_role)
    assert client.post(url(qr), form_data(qr, {pct: "46"})).status_code == 404


def test_a_forged_version_is_refused_with_a_message(client, qr, pct, lead):
    as_user(client, lead)
    response = client.post(url(qr), form_data(qr, {pct: "46"}, version="x"))
    assert response.status_code == 200
    assert "This page is out of date" in error_summary(response)


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    typed=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
        min_size=4,
        max_size=4,
    ),
    action=st.sampled_from(["save", "submit"]),
)
def test_no_text_typed_in_any_value_field_gives_a_server_error(
    client, qr, pct, count, lead, typed, action
):
    as_user(client, lead)
    qr.refresh_from_db()
    data = form_data(
        qr,
        {pct: typed[0], count: typed[1]},
        action=action,
        **{name(pct, "numerator"): typed[2], name(pct, "denominator"): typed[3]},
    )
    response = client.post(url(qr), data)
    assert response.status_code in (200, 302)
    live = client.post(
        url(qr, "rag", str(pct.pk)),
        {
            name(pct, "value"): typed[0],
            name(pct, "numerator"): typed[2],
            name(pct, "denominator"): typed[3],
        },
    )
    assert live.status_code == 200


# --- Live RAG -----------------------------------------------------------------------------


def live(client, qr, indicator, value, **extra):
    return client.post(
        url(qr, "rag", str(indicator.pk)), {name(indicator, "value"): value, **extra}
    )


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("45", "Green"),
        ("50", "Green"),
        ("43", "Amber"),
        ("42.8", "Amber"),
        ("42.7", "Red"),
        ("", "No data"),
    ],
    ids=[
        "on the milestone is green",
        "beating it is green",
        "just short is amber",
        "just within the tolerance is amber",
        "beyond the tolerance is red",
        "no value is grey",
    ],
)
def test_the_live_rag_judges_the_value_typed_against_the_milestone(
    client, qr, pct, lead, typed, word
):
    as_user(client, lead)
    response = live(client, qr, pct, typed)
    assert response.status_code == 200
    assert f">{word}</strong>" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_live_rag_shows_the_direction_of_travel(client, qr, pct, area, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2024-25-Q2"), value=Decimal("40")
    )
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2025-26-Q1"), value=Decimal("47")
    )
    as_user(client, lead)
    text = text_of(live(client, qr, pct, "46"))
    assert "Direction of travel: Improving" in text
    assert "Against Q2 2024-25: improving" in text
    assert "Against Q1 2025-26: worsening" in text


def test_the_live_rag_of_a_value_with_no_target_is_grey(client, qr, count, lead):
    as_user(client, lead)
    text = text_of(live(client, qr, count, "12"))
    assert "No data" in text
    assert "No target: data only." in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter a number, like 42.5"),
        ("150", "A percentage is from 0 to 100"),
        ("1e5", "Enter a number, like 42.5"),
    ],
)
def test_the_live_rag_shows_why_a_value_cannot_be_read(client, qr, pct, lead, typed, message):
    as_user(client, lead)
    response = live(client, qr, pct, typed)
    assert response.status_code == 200
    assert message in text_of(response)
    assert "govuk-error-message" in response.content.decode()


def test_the_live_rag_offers_the_confirm_box_when_a_value_is_flagged(client, qr, pct, area, lead):
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2025-26-Q1"), value=Decimal("40")
    )
    as_user(client, lead)
    html = live(client, qr, pct, "80").content.decode()
    assert f'id="confirm-{pct.pk}" hx-swap-oob="true"' in html
    assert f'name="{name(pct, "confirm")}"' in html
    html = live(client, qr, pct, "41").content.decode()
    assert f'id="confirm-{pct.pk}" hx-swap-oob="true"' in html
    assert f'name="{name(pct, "confirm")}"' not in html


def test_the_page_asks_for_the_live_rag_on_each_value_input(client, qr, pct, lead):
    as_user(client, lead)
    html = client.get(url(qr)).content.decode()
    tag = re.search(rf'<input[^>]*name="{name(pct, "value")}"[^>]*>', html, re.S).group(0)
    assert f'hx-post="{url(qr, "rag", str(pct.pk))}"' in tag
    assert 'hx-trigger="input changed delay:400ms, change"' in tag
    assert f'hx-target="#status-{pct.pk}"' in tag
    assert f"hx-include=\"[data-live-row='{pct.pk}']\"" in tag


def test_the_live_rag_is_for_people_who_may_see_the_return(client, qr, pct, other_lead_role):
    as_user(client, other_lead_role)
    assert live(client, qr, pct, "45").status_code == 404


def test_the_live_rag_is_only_for_indicators_the_return_collects(client, qr, lead, other_outcome):
    elsewhere = f.IndicatorFactory(primary_outcome=other_outcome)
    as_user(client, lead)
    assert live(client, qr, elsewhere, "45").status_code == 404


def test_the_live_rag_takes_a_post_only(client, qr, pct, lead):
    as_user(client, lead)
    assert client.get(url(qr, "rag", str(pct.pk))).status_code == 405


# --- Review ---------------------------------------------------------------------------------


def submitted(client, qr, pct, count, lead):
    as_user(client, lead)
    client.post(url(qr), form_data(qr, {pct: "46", count: "7"}, action="submit"))
    qr.refresh_from_db()
    assert qr.state == State.SUBMITTED
    return qr


@pytest.mark.parametrize("person", ["officer", "council_officer"])
def test_an_officer_approves_a_submitted_return(client, qr, pct, count, lead, person, request):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, request.getfixturevalue(person))
    page = client.get(url(qr))
    assert ">Approve</button>" in page.content.decode()
    response = client.post(url(qr, "approve"), {"approve-version": str(qr.version)})
    assert response.status_code == 302
    qr.refresh_from_db()
    assert qr.state == State.APPROVED
    assert IndicatorValue.objects.get(indicator=pct).is_approved
    assert "The return has been approved." in text_of(client.get(url(qr)))


def test_an_officer_sends_a_return_back_with_a_reason_the_lead_then_sees(
    client, qr, pct, count, lead, officer
):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, officer)
    response = client.post(
        url(qr, "send-back"),
        {"send_back-version": str(qr.version), "send_back-reason": "CYP 02 looks too low"},
    )
    assert response.status_code == 302
    qr.refresh_from_db()
    assert (qr.state, qr.returned_reason) == (State.RETURNED, "CYP 02 looks too low")

    as_user(client, lead)
    page = client.get(url(qr))
    html = page.content.decode()
    banner = re.search(r'id="returned-reason".*?</div>\s*</div>', html, re.S).group(0)
    assert "CYP 02 looks too low" in banner
    assert f'name="{name(pct, "value")}"' in html  # the lead can correct it


def test_sending_back_needs_a_reason(client, qr, pct, count, lead, officer):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, officer)
    response = client.post(
        url(qr, "send-back"), {"send_back-version": str(qr.version), "send_back-reason": "  "}
    )
    assert response.status_code == 200
    assert "Say why you are sending the return back to the lead" in error_summary(response)
    assert 'href="#id_send_back-reason"' in response.content.decode()
    qr.refresh_from_db()
    assert qr.state == State.SUBMITTED


def test_a_stale_approval_keeps_the_reason_typed(client, qr, pct, count, lead, officer):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, officer)
    response = client.post(
        url(qr, "send-back"),
        {"send_back-version": str(qr.version - 1), "send_back-reason": "Check CYP 02"},
    )
    assert response.status_code == 200
    assert "Someone else saved this return" in error_summary(response)
    assert "Check CYP 02</textarea>" in response.content.decode()


@pytest.mark.parametrize("action", ["approve", "send-back"])
@pytest.mark.parametrize("person", ["lead_role", "colleague"])
def test_the_lead_and_their_colleagues_cannot_review(
    client, qr, pct, count, lead, person, action, request
):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, request.getfixturevalue(person))
    prefix = action.replace("-", "_")
    response = client.post(
        url(qr, action), {f"{prefix}-version": str(qr.version), f"{prefix}-reason": "No"}
    )
    assert response.status_code == 403
    qr.refresh_from_db()
    assert qr.state == State.SUBMITTED


def test_readers_cannot_review_a_return_they_cannot_see(client, qr, pct, count, lead, board):
    qr = submitted(client, qr, pct, count, lead)
    as_user(client, board)
    assert client.post(url(qr, "approve"), {"approve-version": "3"}).status_code == 404


def test_an_officer_approving_a_draft_is_told_why_not(client, qr, officer):
    as_user(client, officer)
    response = client.post(url(qr, "approve"), {"approve-version": str(qr.version)})
    assert response.status_code == 200
    assert "Only a submitted return can be approved or sent back" in error_summary(response)


def test_an_officer_reopens_an_approved_return_with_a_reason(client, qr, pct, lead, officer):
    qr = approved(qr, lead, officer)
    as_user(client, officer)
    missing = client.post(url(qr, "reopen"), {"reopen-version": str(qr.version)})
    assert missing.status_code == 200
    assert "Say why you are reopening the return" in error_summary(missing)

    response = client.post(
        url(qr, "reopen"),
        {"reopen-version": str(qr.version), "reopen-reason": "New data from the DfE"},
    )
    assert response.status_code == 302
    qr.refresh_from_db()
    assert qr.state == State.DRAFT
    assert not IndicatorValue.objects.get(indicator=pct).is_approved

    as_user(client, lead)
    html = client.get(url(qr)).content.decode()
    assert "reopened after approval" in html
    assert "New data from the DfE" in html


@pytest.mark.parametrize("person", ["lead_role", "board", "scrutiny"])
def test_only_officers_can_reopen(client, qr, lead, officer, person, request):
    qr = approved(qr, lead, officer)
    as_user(client, request.getfixturevalue(person))
    page = client.get(url(qr))
    assert ">Reopen</button>" not in page.content.decode()
    response = client.post(
        url(qr, "reopen"), {"reopen-version": str(qr.version), "reopen-reason": "x"}
    )
    assert response.status_code == 403
    qr.refresh_from_db()
    assert qr.state == State.APPROVED


# --- One entry, many uses ---------------------------------------------------------------


@pytest.fixture
def shared(other_outcome, outcome, q2_round, area):
    """An indicator collected by the police outcome that also counts towards the lead's."""
    indicator = f.IndicatorFactory(
        primary_outcome=other_outcome, code="SSC 01", title="Crime rate", unit=Unit.NUMBER
    )
    indicator.contributes_to.add(outcome)
    f.IndicatorValueFactory(
        indicator=indicator, area=area, period=q2_round.period, value=Decimal("12.5")
    )
    return indicator


def test_an_indicator_collected_elsewhere_is_shown_read_only_with_a_link(
    client, qr, shared, other_outcome, q2_round, officer
):
    other_return = f.QuarterlyReturnFactory(round=q2_round, outcome=other_outcome)
    as_user(client, officer)
    response = client.get(url(qr))
    html = response.content.decode()
    section = re.search(r'id="also-used".*?</section>', html, re.S).group(0)
    assert "SSC 01" in section
    assert "12.5" in section
    assert f'href="/returns/{other_return.pk}/"' in section
    assert f'name="{name(shared, "value")}"' not in html


def test_the_link_to_where_it_is_collected_is_only_for_people_who_may_open_it(
    client, qr, shared, other_outcome, q2_round, lead
):
    other_return = f.QuarterlyReturnFactory(round=q2_round, outcome=other_outcome)
    as_user(client, lead)
    html = client.get(url(qr)).content.decode()
    section = re.search(r'id="also-used".*?</section>', html, re.S).group(0)
    assert "SSC 01" in section
    assert f"/returns/{other_return.pk}/" not in section
    assert str(other_outcome) in section


def test_an_unapproved_value_collected_elsewhere_is_hidden_from_others(client, qr, shared, lead):
    IndicatorValue.objects.filter(indicator=shared).update(is_approved=False)
    as_user(client, lead)
    html = client.get(url(qr)).content.decode()
    section = re.search(r'id="also-used".*?</section>', html, re.S).group(0)
    assert "12.5" not in section
    assert "No value" in section


# --- History ---------------------------------------------------------------------------------


def test_the_history_lists_each_value_change_with_who_made_it(
    client, qr, pct, count, lead, officer
):
    as_user(client, lead)
    client.post(url(qr), form_data(qr, {pct: "46"}))
    qr.refresh_from_db()
    as_user(client, officer)
    client.post(url(qr), form_data(qr, {pct: "44.5"}, progress_summary="Revised"))
    response = client.get(url(qr))
    section = re.search(r'id="history".*?</section>', response.content.decode(), re.S).group(0)
    heard = re.sub(r'<span aria-hidden="true">.*?</span>', "", section)  # as a screen reader
    text = " ".join(re.sub(r"<[^>]+>", " ", heard).split())
    change = "Value changed CYP 01 Children in good schools: value:"
    assert f"{officer.get_full_name()} {change} 46.0% changed to 44.5%" in text
    assert f"{lead.get_full_name()} {change} – changed to 46.0%" in text
    assert "Progress summary: – changed to Revised" in text
    assert text.index("44.5%") < text.index("– changed to 46.0%")  # newest first


def test_the_history_shows_state_changes_with_their_reasons(client, qr, pct, count, lead, officer):
    qr = submitted(client, qr, pct, count, lead)
    services.return_send_back(
        quarterly_return=qr, version=qr.version, reason="Check CYP 02", actor=officer
    )
    as_user(client, lead)
    text = text_of(client.get(url(qr)))
    assert f"{officer.get_full_name()} Sent back to the lead: “Check CYP 02”" in text
    assert f"{lead.get_full_name()} Submitted" in text


def test_readers_see_only_the_changes_of_state_of_an_approved_return(
    client, qr, pct, lead, officer, board
):
    approved(qr, lead, officer)
    as_user(client, board)
    section = re.search(
        r'id="history".*?</section>', client.get(url(qr)).content.decode(), re.S
    ).group(0)
    assert "Approved" in section
    assert "Submitted" in section
    assert "Value changed" not in section
    assert "Progress summary" not in section


# --- Queries ---------------------------------------------------------------------------------


def add_indicators(outcome, area, n):
    """``n`` more indicators for the outcome, each with a target, a milestone, values and a
    contributing indicator from elsewhere, so that every part of the page has rows."""
    elsewhere = f.OutcomeFactory(lead_organisation=outcome.lead_organisation)
    for i in range(n):
        indicator = f.IndicatorFactory(primary_outcome=outcome, code=f"Q {i:03d}")
        target = f.TargetFactory(indicator=indicator, area=area)
        f.MilestoneFactory(target=target, period=f.period("2025-26-Q3"), value=Decimal("51"))
        for code in ("2024-25-Q2", "2025-26-Q1", "2025-26-Q2"):
            f.IndicatorValueFactory(indicator=indicator, area=area, period=f.period(code))
        other = f.IndicatorFactory(primary_outcome=elsewhere, code=f"E {i:03d}")
        other.contributes_to.add(outcome)


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize("person", ["lead", "board"])
def test_the_page_runs_the_same_number_of_queries_whatever_the_number_of_indicators(
    client, qr, outcome, area, lead, officer, board, person, n, django_assert_max_num_queries
):
    add_indicators(outcome, area, n)
    if person == "board":
        QuarterlyReturn.objects.filter(pk=qr.pk).update(state=State.APPROVED)
        user = board
    else:
        services.return_save(
            quarterly_return=qr, version=1, values=[], commentary=Commentary(), actor=lead
        )
        user = lead
    as_user(client, user)
    with django_assert_max_num_queries(17):  # the 16th: the outcome's risks; 17th: its actions
        response = client.get(url(qr))
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-summary-card"') == n + 2


def test_the_selector_reads_a_page_of_30_indicators_in_a_fixed_number_of_queries(
    qr, outcome, area, lead, django_assert_max_num_queries
):
    add_indicators(outcome, area, 30)
    with django_assert_max_num_queries(14):  # the 13th: the outcome's risks; 14th: its actions
        page = return_page(quarterly_return=qr, user=lead, today=timezone.localdate())
    assert len(page.rows) == 32
    assert len(page.contributing) == 30


# --- Showing numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "places", "shown"),
    [
        (None, Unit.NUMBER, 0, "–"),
        (Decimal("42.5"), Unit.PERCENTAGE, 1, "42.5%"),
        (Decimal("1234.5"), Unit.MONEY, 0, "£1,234"),
        (Decimal("-50"), Unit.MONEY, 2, "-£50.00"),
        (Decimal("1"), Unit.YES_NO, 0, "Yes"),
        (Decimal("0"), Unit.YES_NO, 0, "No"),
        (Decimal("12345.678"), Unit.RATE, 2, "12,345.68"),
    ],
)
def test_values_are_shown_as_people_read_them(value, unit, places, shown):
    assert format_value(value, unit=unit, decimal_places=places) == shown


def test_a_lower_is_better_indicator_says_so(client, qr, outcome, lead):
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 03", polarity=Polarity.LOWER)
    as_user(client, lead)
    assert "Lower is better" in text_of(client.get(url(qr)))


def test_a_lead_with_the_outcome_role_only_sees_it(client, qr, q2_round):
    """A second lead of the same outcome, at another partner, by role: may open and edit."""
    user = f.UserFactory(username="second_lead", organisation=f.OrganisationFactory())
    f.assign(user, Role.OUTCOME_LEAD, outcome=qr.outcome)
    as_user(client, user)
    assert client.get(url(qr)).status_code == 200


def test_the_return_page_links_to_the_spreadsheet_for_offline_entry(client, lead_role):
    from reporting.models import ReturnRound

    outcome = lead_role.outcome
    qr = f.QuarterlyReturnFactory(
        outcome=outcome, round=f.ReturnRoundFactory(state=ReturnRound.State.OPEN)
    )
    client.force_login(lead_role.user)
    html = client.get(f"/returns/{qr.pk}/").content.decode()
    assert f'href="/returns/{qr.pk}/workbook/"' in html
    assert f'href="/returns/{qr.pk}/upload/"' in html
