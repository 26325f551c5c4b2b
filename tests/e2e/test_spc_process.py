"""The performance team rebases an indicator's SPC chart in the browser: the error state
on the way (no reason), then the recorded change and its reason beside the chart. Axe on
the form, its error state and the indicator page."""

import pytest
from playwright.sync_api import expect

from partnership.periods import Period as PeriodRef
from tests.reporting.dashboards.test_exceptions_spc import with_series
from tests.reporting.dashboards.test_indicator_process import REBASE, SHIFTED
from tests.reporting.scorecard.test_scorecard import a_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_rebases_a_chart_with_a_reason(sign_in, page, axe_check, outcome, officer):
    a_round()
    indicator = with_series(outcome, SHIFTED, title="Care leavers in work").indicator
    sign_in(page, "officer", next_url=f"/indicators/{indicator.slug}/")
    expect(page.locator("#spc-variation")).to_have_text("Special cause improvement")
    page.get_by_role("link", name="Record a change of process").click()
    axe_check(page)

    page.get_by_label("New process limits from").select_option(REBASE)
    page.get_by_role("button", name="Save the change of process").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the process changed")
    expect(page.get_by_label("New process limits from")).to_have_value(REBASE)
    axe_check(page)

    page.get_by_label("Why the process changed").fill("A new employment pathway from April")
    page.get_by_role("button", name="Save the change of process").click()
    expect(page.locator("#spc-process")).to_contain_text(
        f"New process limits from {PeriodRef.parse(REBASE).label}, because: A new employment"
    )
    expect(page.locator("#spc-variation")).to_have_text("Common cause")
    axe_check(page)
