"""Anything typed into an action of a delivery plan is saved or refused with a message,
nothing half saved, never a server error."""

from django.utils.text import slugify
from hypothesis import given
from hypothesis import strategies as st

from targets.models import Action
from tests.fuzz.strategies import ANY
from tests.fuzz.test_forms import FUZZ, SUMMARY

FAIR = {
    "version": "0",
    "description": "Recruit foster carers",
    "start_date": "1/4/2026",
    "due_date": "31/3/2027",
    "status": "on_track",
    "funding_amount": "",
    "funding_stream": "",
    "progress": "",
}


def stored() -> tuple:
    return (Action.objects.count(), Action.history.count(), list(Action.objects.values()))


@FUZZ
@given(data=st.data())
def test_any_new_action_is_added_or_refused_with_nothing_saved(
    client, lead, lead_role, outcome, council, tried, data
):
    post = {**FAIR, "lead_organisation": str(council.pk)}
    for name in data.draw(st.sets(st.sampled_from(sorted(post)), max_size=4)):
        value = data.draw(st.none() | ANY)
        if value is None:
            del post[name]
        else:
            post[name] = value
    tried()
    client.force_login(lead)
    before = stored()

    response = client.post(f"/outcomes/{slugify(outcome.code)}/actions/add/", post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()
        assert stored() == before
    else:
        assert stored()[0] == before[0] + 1
