"""Two people save the same return at once, each in their own browser: the lead, and a
performance officer entering it for them. The one whose save is refused sees both sets
of values side by side, with who saved and when, and keeps theirs with one press, on
the version they were shown; a save in between is never silently overwritten."""

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue
from partnership.people import display_name
from reporting.models import QuarterlyReturn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUMMARY = "Attendance is up in every school."


def test_the_refused_person_sees_both_sets_of_values_and_keeps_theirs(
    browser, live_server, page, sign_in, axe_check, due_return, lead, officer
):
    from playwright.sync_api import expect

    quarter = due_return.round.period.label
    value_of, count_of = f"CYP 01 value for {quarter}", f"CYP 02 value for {quarter}"
    return_url = f"/returns/{due_return.pk}/"
    officer_name = display_name(officer)

    # The lead opens the return and types.
    sign_in(page, "lead", next_url=return_url)
    page.get_by_label(value_of).fill("47")
    page.get_by_label("Progress summary").fill(SUMMARY)

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    try:
        # An officer, in their own browser, reads the return, chooses to enter it for the
        # lead, and saves first.
        other = context.new_page()
        sign_in(other, "officer", next_url=return_url)
        expect(other.locator("#for-lead")).to_contain_text("You are not the lead for this return")
        axe_check(other)
        other.get_by_role("button", name="Enter it for them").click()
        expect(other.locator("#for-lead")).to_contain_text("You are entering this return for")
        axe_check(other)
        other.get_by_label(value_of).fill("44")
        other.get_by_label(count_of).fill("12")
        other.get_by_role("button", name="Save draft").click()
        expect(other.locator(".govuk-notification-banner--success")).to_contain_text(
            "Your draft has been saved."
        )

        # The lead's save is refused: their values beside the saved ones, with who and when.
        page.get_by_role("button", name="Save draft").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            f"{officer_name} saved this return since you opened it"
        )
        assert page.title().startswith("Error: ")
        conflict = page.locator("#conflict")
        expect(conflict).to_contain_text(f"{officer_name} saved this return at")
        expect(conflict.locator("th", has_text=f"Saved by {officer_name}")).to_be_visible()
        value_row = conflict.locator("tr", has_text="CYP 01 value")
        expect(value_row).to_contain_text("47.0%")
        expect(value_row).to_contain_text("44.0%")
        expect(conflict.locator("tr", has_text="CYP 02 value")).to_contain_text("12")
        expect(conflict.locator("tr", has_text="Progress summary")).to_contain_text(SUMMARY)
        axe_check(page)

        # The officer saves again before the lead decides: the lead's press is refused
        # again, and shows the newer save.
        other.get_by_label(count_of).fill("13")
        other.get_by_role("button", name="Save draft").click()
        expect(other.locator(".govuk-notification-banner--success")).to_be_visible()
        page.get_by_role("button", name="Keep my values").click()
        expect(page.locator("#conflict").locator("tr", has_text="CYP 02 value")).to_contain_text(
            "13"
        )
        due_return.refresh_from_db()
        assert due_return.version == 3  # nothing overwritten
        axe_check(page)

        # One press keeps the lead's values, on the version now shown.
        page.get_by_role("button", name="Keep my values").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "Your values have been saved as a draft"
        )
        expect(page.get_by_label(value_of)).to_have_value("47.0")
        expect(page.get_by_label(count_of)).to_have_value("")
        expect(page.get_by_label("Progress summary")).to_have_value(SUMMARY)
        expect(page.locator("#still-to-give")).to_contain_text("CYP 02")  # left blank
        axe_check(page)
    finally:
        context.close()

    due_return.refresh_from_db()
    assert (due_return.state, due_return.version) == (QuarterlyReturn.State.DRAFT, 4)
    assert due_return.progress_summary == SUMMARY
    assert due_return.history.latest().history_user == lead
    assert IndicatorValue.objects.get(indicator__code="CYP 01").value == Decimal("47")
    assert not IndicatorValue.objects.filter(indicator__code="CYP 02").exists()
