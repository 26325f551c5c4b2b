"""A change of process recorded on an indicator's SPC chart (/indicators/<slug>/process/):
the performance team rebases the chart or fixes its limits with a reason; the indicator
page, the indicators list and the scorecard (dashboard, board view, pack) judge by it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from reporting.dashboards.selectors.indicator_page import indicator_page
from reporting.dashboards.selectors.indicator_page.list_spc import NO_JUDGEMENT, spc_judgements
from reporting.scorecard.selectors import scorecard
from targets.spc import Variation
from tests import factories as f
from tests.reporting.dashboards.test_exceptions_spc import with_series
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round

pytestmark = pytest.mark.django_db

# 12 quarters of one process, then 12 of a better one: the second half is a shift until
# the chart is rebased at its first quarter.
SHIFTED = [40, 42, 41, 39, 40, 42, 41, 40, 39, 41, 40, 42] + [60, 62, 61, 59, 60, 62, 61, 60,
           59, 61, 60, 62]  # fmt: skip
REBASE = PeriodRef.parse(Q2).shift(-11).code  # the 13th of the 24 quarters to Q2 2025-26


@pytest.fixture
def shifted(outcome):
    a_round()
    return with_series(outcome, SHIFTED, title="Care leavers in work").indicator


def url(indicator) -> str:
    return f"/indicators/{indicator.slug}/process/"


def rebase(indicator, code=REBASE, points=None, reason="A new pathway from April"):
    indicator.spc_rebased_from = code
    indicator.spc_baseline_points = points
    indicator.spc_change_reason = reason
    indicator.save(update_fields=["spc_rebased_from", "spc_baseline_points", "spc_change_reason"])


def test_a_shift_is_a_signal_until_the_process_is_rebased(shifted, officer):
    before = indicator_page(slug=shifted.slug, user=officer).spc
    assert before.variation == Variation.IMPROVEMENT
    rebase(shifted)
    after = indicator_page(slug=shifted.slug, user=officer).spc
    assert after.variation == Variation.COMMON_CAUSE
    assert after.process_note == (
        f"New process limits from {PeriodRef.parse(REBASE).label}, because: "
        "A new pathway from April"
    )


def test_the_scorecard_and_the_list_judge_by_the_rebase_too(shifted, officer):
    def judged():
        (row,) = list(scorecard(user=officer, period=f.period(Q2), today=TODAY).rows)
        listed = spc_judgements(user=officer, indicators=[shifted])[shifted.pk]
        return row.spc_variation, listed.variation

    assert judged() == (Variation.IMPROVEMENT, Variation.IMPROVEMENT)
    rebase(shifted)
    assert judged() == (Variation.COMMON_CAUSE, Variation.COMMON_CAUSE)


def test_a_rebase_with_too_few_points_since_waits_and_says_so(shifted, officer):
    rebase(shifted, code=PeriodRef.parse(Q2).shift(-3).code)
    spc = indicator_page(slug=shifted.slug, user=officer).spc
    assert "4 of the 12 points needed since then" in spc.process_waiting


# --- The form ---------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["lead_role", "board", "psb", "scrutiny", "council_officer"])
def test_only_the_performance_team_records_a_change(request, client, shifted, person):
    someone = request.getfixturevalue(person)
    client.force_login(getattr(someone, "user", someone))  # lead_role is the lead's role
    assert client.get(url(shifted)).status_code == 403
    response = client.post(url(shifted), {"rebased_from": REBASE, "reason": "Because"})
    assert response.status_code == 403
    assert "Only the performance team" in response.content.decode()
    shifted.refresh_from_db()
    assert shifted.spc_rebased_from == ""


def test_no_such_indicator_is_a_404(client, officer, db):
    client.force_login(officer)
    assert client.get("/indicators/nothing-here/process/").status_code == 404


def test_signed_out_goes_to_sign_in(client, shifted):
    assert client.get(url(shifted))["Location"].startswith("/accounts/login/")


def test_the_officer_rebases_with_a_reason_kept_in_history(client, shifted, officer):
    client.force_login(officer)
    page = client.get(url(shifted)).content.decode()
    assert f'<option value="{REBASE}">' in page
    response = client.post(
        url(shifted), {"rebased_from": REBASE, "baseline_points": "", "reason": "New pathway"}
    )
    assert response.status_code == 302
    shifted.refresh_from_db()
    assert (shifted.spc_rebased_from, shifted.spc_change_reason) == (REBASE, "New pathway")
    latest = shifted.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "New pathway"
    detail = client.get(f"/indicators/{shifted.slug}/").content.decode()
    assert "New process limits from" in detail
    assert "Record a change of process" in detail


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"rebased_from": REBASE, "reason": " "}, "Say why the process changed"),
        ({"baseline_points": "12", "reason": ""}, "Say why the process changed"),
        ({"rebased_from": "2001-02-Q1", "reason": "x"}, "Choose a quarter of the chart"),
        ({"rebased_from": "nonsense", "reason": "x"}, "Choose a quarter of the chart"),
        ({"baseline_points": "1", "reason": "x"}, "Fix the limits from 2 points or more"),
        ({"baseline_points": "99", "reason": "x"}, "The chart has 24 points"),
        ({"baseline_points": "twelve", "reason": "x"}, "Enter a whole number of points"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(client, shifted, officer, data, error):
    client.force_login(officer)
    response = client.post(url(shifted), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert error in html
    shifted.refresh_from_db()
    assert (shifted.spc_rebased_from, shifted.spc_baseline_points) == ("", None)


def test_clearing_the_change_returns_to_one_process(client, shifted, officer):
    rebase(shifted)
    client.force_login(officer)
    client.post(url(shifted), {"rebased_from": "", "baseline_points": "", "reason": ""})
    shifted.refresh_from_db()
    assert (shifted.spc_rebased_from, shifted.spc_change_reason) == ("", "")
    assert shifted.history.latest().history_change_reason == "Change of process cleared"


def test_the_quarters_offered_are_those_the_chart_plots(shifted, officer):
    from reporting.dashboards.selectors.indicator_page.spc import charted_quarters

    expected = [p.code for p in last_quarters(PeriodRef.parse(Q2), 24)]
    assert [p.code for p in charted_quarters(shifted)] == expected
    assert Decimal(SHIFTED[-1]) == Decimal("62")


def test_the_lists_judgements_are_kept_for_the_next_reader_and_judged_afresh_on_a_new_value(
    shifted, officer, board, django_assert_max_num_queries
):
    judged = spc_judgements(user=officer, indicators=[shifted])[shifted.pk]
    assert judged.variation == Variation.IMPROVEMENT
    with django_assert_max_num_queries(2):  # who the board member is; nothing judged again
        assert spc_judgements(user=board, indicators=[shifted])[shifted.pk] == judged
    latest = shifted.values.filter(is_approved=True).latest("period__end_date")
    latest.value = Decimal("5")  # far below the new process: special cause, now concern
    latest.save()
    assert spc_judgements(user=board, indicators=[shifted])[shifted.pk] != judged


def test_someone_without_a_role_gets_no_judgement(shifted, nobody):
    assert spc_judgements(user=nobody, indicators=[shifted])[shifted.pk] == NO_JUDGEMENT
