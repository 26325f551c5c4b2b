"""The other forms under any input: adding and editing a risk (scores, dates, text), the
packs form, signing in and naming an API token. The page always answers (never a server
error); what is refused shows the error summary and stores nothing."""

from django.contrib.auth import SESSION_KEY
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accounts.models import ApiToken
from reporting.packs.models import PerformancePack
from risks.models import Risk
from risks.rules import RiskLevel
from tests import factories as f
from tests.factories import PASSWORD
from tests.fuzz.strategies import ANY, TEXT

SUMMARY = 'class="govuk-error-summary"'
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def risks_stored() -> tuple:
    return (
        Risk.objects.count(),
        Risk.history.count(),
        list(Risk.objects.order_by("pk").values()),
    )


TEXTS = ("title", "description", "cause", "consequence", "controls")
SCORES = ("inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact")


FAIR = {
    **dict.fromkeys(TEXTS, ""),
    **dict.fromkeys(SCORES, "3"),
    "target_score": "6",
    "review_date": "31/3/2027",
    "status": Risk.Status.OPEN.value,
    "owner_organisation": "",
}


@st.composite
def risk_posts(draw, fair: dict) -> dict:
    """A risk form's post as a person would fill it in, but for a few fields that are
    anything at all, or left out of the post."""
    data = {**FAIR, **fair}
    for name in draw(st.sets(st.sampled_from(sorted(data)), max_size=4)):
        value = draw(st.none() | ANY)
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data


def check_risk_response(response, before) -> None:
    assert response.status_code in (200, 302)
    event("saved" if response.status_code == 302 else "refused")
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert risks_stored() == before
    else:
        assert risks_stored()[1] == before[1] + 1


@FUZZ
@given(data=st.data())
def test_any_new_risk_is_added_or_refused_with_nothing_saved(
    client, officer, outcome, council, tried, data
):
    fair = {
        "title": "Foster carers leave",
        "level": RiskLevel.OUTCOME.value,
        "outcome": str(outcome.pk),
        "owner_organisation": str(council.pk),
    }
    post = data.draw(risk_posts(fair))
    tried()
    client.force_login(officer)
    before = risks_stored()

    check_risk_response(client.post("/risks/new/", post), before)


@FUZZ
@given(data=st.data())
def test_any_edit_of_a_risk_is_saved_or_refused_with_nothing_saved(
    client, officer, outcome, tried, data
):
    risk = Risk.objects.filter(title="Fuzzed").first() or f.RiskFactory(
        title="Fuzzed", outcome=outcome
    )
    post = data.draw(risk_posts({"title": "Fuzzed", "version": str(risk.version)}))
    tried()
    client.force_login(officer)
    before = risks_stored()

    check_risk_response(client.post(f"/risks/{risk.pk}/edit/", post), before)


@FUZZ
@given(
    period=ANY | st.just("2025-26-Q2"),
    scope=TEXT | st.sampled_from(["whole", "block", "organisation", "stretch"]),
    block=ANY,
    organisation=ANY,
)
def test_any_pack_request_is_made_or_refused(
    client, officer, tried, period, scope, block, organisation
):
    tried()
    client.force_login(officer)
    before = PerformancePack.objects.count()

    response = client.post(
        "/packs/",
        {"period": period, "scope": scope, "block": block, "organisation": organisation},
    )

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert PerformancePack.objects.count() == before


@FUZZ
@given(username=ANY | st.just("officer"), password=ANY | st.just(PASSWORD + "x"))
def test_any_sign_in_is_refused_without_a_server_error(client, officer, tried, username, password):
    tried()

    response = client.post("/accounts/login/", {"username": username, "password": password})

    assert response.status_code < 500
    assert SESSION_KEY not in client.session
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()


@FUZZ
@given(name=ANY | st.just("Council dashboard import"))
def test_any_token_name_makes_a_token_or_is_refused(client, scrutiny, tried, name):
    tried()
    client.force_login(scrutiny)
    before = (ApiToken.objects.count(), ApiToken.history.count())

    response = client.post("/account/tokens/", {"name": name})

    assert response.status_code == 200
    made = response.context["new_key"] is not None  # the new token is shown once, here
    event("made" if made else "refused")
    if made:
        assert ApiToken.objects.count() == before[0] + 1
        assert ApiToken.objects.latest("pk").name == name.strip()
    else:
        assert SUMMARY in response.content.decode()
        assert (ApiToken.objects.count(), ApiToken.history.count()) == before


# --- Regression: a post with no fields at all was shown the empty form, with no error ---


def test_adding_a_risk_with_an_empty_post_says_what_is_missing(client, officer):
    client.force_login(officer)

    response = client.post("/risks/new/", {})

    assert response.status_code == 200
    assert SUMMARY in response.content.decode()
    assert "Enter a title for the risk" in response.content.decode()
    assert Risk.objects.count() == 0


def test_making_a_token_with_an_empty_post_asks_for_a_name(client, scrutiny):
    client.force_login(scrutiny)

    response = client.post("/account/tokens/", {})

    assert response.status_code == 200
    assert SUMMARY in response.content.decode()
    assert "Enter a name for the token" in response.content.decode()
    assert ApiToken.objects.count() == 0
