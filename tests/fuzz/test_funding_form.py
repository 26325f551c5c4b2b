"""The funding stream form under any input: whatever is typed into its fields and rows of
amounts, the page answers (never a server error), and what is refused shows the error
summary and stores nothing."""

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from partnership.models import FundingAmount, FundingStream
from tests.fuzz.strategies import ANY
from tests.reporting.funding.conftest import make_stream, this_year

SUMMARY = 'class="govuk-error-summary"'
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def stored() -> tuple:
    return (
        list(FundingStream.objects.order_by("pk").values()),
        list(FundingAmount.objects.order_by("pk").values()),
    )


@st.composite
def stream_posts(draw, fair: dict) -> dict:
    """A post as a person would fill it in, but for a few fields that are anything at all,
    or left out."""
    data = {**fair}
    names = sorted(data) + ["year_3", "amount_3", "year_29", "amount_40"]
    for name in draw(st.sets(st.sampled_from(names), max_size=4)):
        value = draw(st.none() | ANY)
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


@FUZZ
@given(data=st.data())
def test_any_edit_of_a_stream_is_saved_or_refused_with_nothing_saved(
    client, officer, block, outcome, tried, data
):
    year = this_year()
    stream = FundingStream.objects.filter(name="Fuzzed").first() or make_stream(
        "Fuzzed", block=block, amounts={year.code: 100}
    )
    fair = {
        "name": "Fuzzed",
        "kind": "pooled",
        "belongs": f"outcome-{outcome.pk}",
        "provider": "",
        "version": str(stream.version),
        "year_0": year.code,
        "amount_0": "250000",
        "year_1": year.next().code,
        "amount_1": "£1,000",
    }
    post = data.draw(stream_posts(fair))
    tried()
    client.force_login(officer)
    before = stored()

    response = client.post(f"/funding/{stream.pk}/edit/", post)

    assert response.status_code in (200, 302)
    event("saved" if response.status_code == 302 else "refused")
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert stored() == before
