"""Reviewing a risk (/risks/<id>/review/): who may (who may edit), bad input kept with a
clear message, a stale review refused, nothing half saved, history with who, and the
risk's page showing its reviews and the trend they make."""

from datetime import timedelta

import pytest
from django.test import override_settings

from partnership.people import display_name
from risks.models import EscalationProposal, Risk, RiskReview
from risks.rules import RiskLevel
from tests import factories as f
from tests.risks.conftest import ROLES, person
from tests.risks.test_edit import EDITS

pytestmark = pytest.mark.django_db


def review_url(risk) -> str:
    return f"/risks/{risk.pk}/review/"


def posted(risk, today, **changes) -> dict:
    data = {
        "version": risk.version,
        "reviewed_on": today.strftime("%d/%m/%Y"),
        "likelihood": risk.current_likelihood,
        "impact": risk.current_impact,
        "note": "Checked with the placements team",
        "next_review_date": (today + timedelta(days=30)).strftime("%d/%m/%Y"),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("which", sorted(EDITS))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_review_is_who_may_edit(request, client, risks, today, role, which):
    risk = risks[which]
    client.force_login(person(request, role))
    page = client.get(review_url(risk))
    response = client.post(review_url(risk), posted(risk, today, impact=1))

    risk.refresh_from_db()
    if role in EDITS[which]:
        assert page.status_code == 200
        assert response.status_code == 302
        assert risk.current_impact == 1
        assert risk.reviews.count() == 1
    else:
        assert page.status_code == 403
        assert response.status_code == 403
        assert "You cannot change this risk" in page.text
        assert risk.current_impact != 1
        assert not risk.reviews.exists()


def test_the_owner_may_review_their_risk_whatever_their_role(client, board, other_outcome, today):
    risk = f.RiskFactory(outcome=other_outcome, owner=board)
    client.force_login(board)
    response = client.post(review_url(risk), posted(risk, today, likelihood=2))

    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.current_likelihood == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_review_link_shows_only_to_those_who_may(request, client, outcome_risk, role):
    client.force_login(person(request, role))
    response = client.get(f"/risks/{outcome_risk.pk}/")
    assert ('id="review-risk"' in response.text) is (role in EDITS["outcome"])


def test_an_unknown_risk_or_no_role_is_not_found(client, officer, nobody, outcome_risk, today):
    client.force_login(officer)
    assert client.get("/risks/999999/review/").status_code == 404
    assert client.post("/risks/999999/review/", {}).status_code == 404
    client.force_login(nobody)
    assert client.get(review_url(outcome_risk)).status_code == 404
    assert client.post(review_url(outcome_risk), posted(outcome_risk, today)).status_code == 404


@override_settings(
    RISK_REVIEW_INTERVAL_DAYS={"target": 91, "outcome": 60, "block": 61, "partnership": 30}
)
def test_the_form_starts_from_today_the_current_scores_and_the_level_interval(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    form = client.get(review_url(outcome_risk)).context["form"]

    assert form.initial["reviewed_on"] == today
    assert (form.initial["likelihood"], form.initial["impact"]) == (3, 3)
    assert form.initial["next_review_date"] == today + timedelta(days=60)


@override_settings(
    RISK_REVIEW_INTERVAL_DAYS={"target": 91, "outcome": 60, "block": 61, "partnership": 30}
)
def test_an_empty_next_review_date_takes_the_level_interval(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    client.post(review_url(outcome_risk), posted(outcome_risk, today, next_review_date=""))

    outcome_risk.refresh_from_db()
    assert outcome_risk.review_date == today + timedelta(days=60)


def test_a_review_saves_the_scores_the_next_date_and_history_with_who(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    client.post(review_url(outcome_risk), posted(outcome_risk, today, likelihood=4, impact=2))

    outcome_risk.refresh_from_db()
    review = RiskReview.objects.get(risk=outcome_risk)
    assert (review.reviewer, review.reviewed_on, review.score) == (lead, today, 8)
    assert review.note == "Checked with the placements team"
    assert (outcome_risk.current_likelihood, outcome_risk.current_impact) == (4, 2)
    assert outcome_risk.review_date == today + timedelta(days=30)
    assert outcome_risk.version == 2
    assert outcome_risk.history.first().history_user == lead
    assert review.history.first().history_user == lead


def test_a_review_that_reaches_the_threshold_proposes_escalation(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    client.post(review_url(outcome_risk), posted(outcome_risk, today, likelihood=5, impact=4))

    proposal = EscalationProposal.objects.get(risk=outcome_risk)
    assert (proposal.to_level, proposal.score) == (RiskLevel.BLOCK, 20)


def day(today, offset: int) -> str:
    return (today + timedelta(days=offset)).strftime("%d/%m/%Y")


# Dates as days from today; a review ten days ago can be followed by one today, no earlier.
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"likelihood": "0"}, "likelihood", "Choose the current likelihood, from 1 to 5"),
        ({"impact": "6"}, "impact", "Choose the current impact, from 1 to 5"),
        ({"likelihood": ""}, "likelihood", "Choose the current likelihood, from 1 to 5"),
        ({"reviewed_on": 1}, "reviewed_on", "must be today or in the past"),
        ({"reviewed_on": "31/2/2026"}, "reviewed_on", "as a real date"),
        ({"reviewed_on": ""}, "reviewed_on", "Enter the date of the review"),
        (
            {"reviewed_on": -10, "next_review_date": -1},
            "next_review_date",
            "must be today or in the future",
        ),
        (
            {"reviewed_on": -10, "next_review_date": -20},
            "next_review_date",
            "must be after this review",
        ),
        ({"next_review_date": 0}, "next_review_date", "must be after this review"),
        ({"next_review_date": "nonsense"}, "next_review_date", "as a real date"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(
    client, lead, lead_role, outcome_risk, today, changes, field, message
):
    typed = {k: day(today, v) if isinstance(v, int) else v for k, v in changes.items()}
    client.force_login(lead)
    response = client.post(
        review_url(outcome_risk), posted(outcome_risk, today, note="Kept note", **typed)
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'id="error-summary"' in response.text
    assert "Kept note" in response.text
    outcome_risk.refresh_from_db()
    assert outcome_risk.version == 1
    assert (outcome_risk.current_likelihood, outcome_risk.current_impact) == (3, 3)
    assert not RiskReview.objects.exists()


def test_a_review_dated_before_the_last_review_is_refused_with_what_was_typed_kept(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    client.post(review_url(outcome_risk), posted(outcome_risk, today, reviewed_on=day(today, -3)))
    outcome_risk.refresh_from_db()
    earlier = posted(outcome_risk, today, reviewed_on=day(today, -5), note="Held last week")
    response = client.post(review_url(outcome_risk), earlier)

    last = today - timedelta(days=3)
    assert response.status_code == 200
    assert response.context["form"].errors["reviewed_on"] == [
        f"This risk was last reviewed on {last:%-d %B %Y}: a review cannot be dated before it. "
        "Record the review on the day it was held, on or after that date."
    ]
    assert 'href="#id_reviewed_on"' in response.text
    assert "Held last week" in response.text
    assert RiskReview.objects.filter(risk=outcome_risk).count() == 1
    outcome_risk.refresh_from_db()
    assert outcome_risk.version == 2


def test_a_review_on_the_day_of_the_last_one_is_recorded(
    client, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    client.post(review_url(outcome_risk), posted(outcome_risk, today))
    outcome_risk.refresh_from_db()
    client.post(review_url(outcome_risk), posted(outcome_risk, today, impact=1))

    assert RiskReview.objects.filter(risk=outcome_risk).count() == 2


def test_a_stale_review_is_refused_with_what_was_typed_kept(
    client, officer, lead, lead_role, outcome_risk, today
):
    client.force_login(lead)
    opened = posted(outcome_risk, today, impact=5, note="My careful note")
    client.force_login(officer)
    client.post(review_url(outcome_risk), posted(outcome_risk, today, impact=1))
    client.force_login(lead)
    response = client.post(review_url(outcome_risk), opened)

    assert response.status_code == 200
    assert "Someone else saved this risk" in response.text
    assert "My careful note" in response.text
    assert response.context["form"]["version"].value() == "2"
    outcome_risk.refresh_from_db()
    assert outcome_risk.current_impact == 1
    assert RiskReview.objects.count() == 1


def test_nothing_is_half_saved_when_the_risk_cannot_be_saved(
    client, lead, lead_role, outcome_risk, today, monkeypatch
):
    def broken(risk):
        raise RuntimeError("proposal failed")

    monkeypatch.setattr("risks.services.reviews.refresh_proposal", broken)
    client.raise_request_exception = False
    client.force_login(lead)
    response = client.post(review_url(outcome_risk), posted(outcome_risk, today, impact=5))

    assert response.status_code == 500
    outcome_risk.refresh_from_db()
    assert (outcome_risk.current_impact, outcome_risk.version) == (3, 1)
    assert not RiskReview.objects.exists()


def test_the_risk_page_lists_reviews_and_draws_the_trend_from_them(
    client, officer, lead, outcome_risk, today
):
    f.RiskReviewFactory(
        risk=outcome_risk,
        reviewer=lead,
        reviewed_on=today - timedelta(days=60),
        likelihood=4,
        impact=4,
        note="Worse after the budget",
        next_review_date=today - timedelta(days=30),
    )
    f.RiskReviewFactory(
        risk=outcome_risk,
        reviewer=officer,
        reviewed_on=today - timedelta(days=30),
        likelihood=2,
        impact=4,
        next_review_date=today - timedelta(days=3),
    )
    client.force_login(officer)
    response = client.get(f"/risks/{outcome_risk.pk}/")
    page = response.context["page"]

    assert [p.score for p in page.trend] == [9, 16, 8]
    assert page.trend[0].when.endswith("(added)")
    assert response.context["chart"].table.rows[-1][1:] == ("2", "4", "8", "Medium")
    newest, oldest = page.reviews
    assert (newest.reviewer, newest.score, newest.rating) == (
        display_name(officer),
        "8 Medium",
        "2 x 4",
    )
    assert (oldest.score, oldest.note) == ("16 Very high", "Worse after the budget")
    assert "Worse after the budget" in response.text
    assert "Its review was due by" in response.text  # overdue, in words


def test_a_risk_never_reviewed_shows_its_score_when_added(client, officer, target_risk):
    client.force_login(officer)
    page = client.get(f"/risks/{target_risk.pk}/").context["page"]

    assert [p.score for p in page.trend] == [20]
    assert page.reviews == ()
    assert "This risk has not been reviewed yet." in client.get(f"/risks/{target_risk.pk}/").text


def test_a_closed_risk_is_never_review_overdue(client, officer, closed_risk, today):
    Risk.objects.filter(pk=closed_risk.pk).update(review_date=today - timedelta(days=9))
    client.force_login(officer)
    assert not client.get(f"/risks/{closed_risk.pk}/").context["page"].review_overdue
