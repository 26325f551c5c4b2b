"""Publishing an indicator is the performance team's decision, kept in its history."""

from __future__ import annotations

import pytest

from indicators.models import Indicator
from partnership.errors import ApplicationError
from public.services import indicator_publish

MANAGE = "/public/manage/"


def post(client, slug: str, publish: bool):
    return client.post(f"/public/manage/{slug}/", {"publish": "1" if publish else "0"})


@pytest.mark.parametrize("person", ["officer", "admin_user"])
def test_the_performance_team_sees_what_is_published_and_publishes(client, world, person, request):
    user = request.getfixturevalue(person)
    client.force_login(user)
    page = client.get(MANAGE)
    assert page.status_code == 200
    assert "CYP 09" in page.content.decode()
    response = post(client, "cyp-09", True)
    assert response.status_code == 302
    hidden = Indicator.objects.get(code="CYP 09")
    assert hidden.published
    assert hidden.published_by == user
    assert "is published" in client.get(MANAGE).content.decode()
    assert client.get("/public/indicators/cyp-09/").status_code == 200


@pytest.mark.parametrize(
    "person", ["lead", "council_officer", "board", "psb", "scrutiny", "nobody"]
)
def test_no_one_else_may_publish(client, world, person, request):
    client.force_login(request.getfixturevalue(person))
    page = client.get(MANAGE)
    assert page.status_code == 403
    assert "Only the performance team publishes" in page.content.decode()
    assert post(client, "cyp-09", True).status_code == 403
    assert post(client, "cyp-01", False).status_code == 403
    assert not Indicator.objects.get(code="CYP 09").published
    assert Indicator.objects.get(code="CYP 01").published


def test_signing_in_is_needed_to_publish(client, world):
    assert client.get(MANAGE).status_code == 302
    assert post(client, "cyp-09", True).status_code == 302
    assert not Indicator.objects.get(code="CYP 09").published


def test_no_such_indicator_is_not_found(client, world, officer):
    client.force_login(officer)
    assert post(client, "no-such", True).status_code == 404


def test_publishing_needs_a_post(client, world, officer):
    client.force_login(officer)
    assert client.get("/public/manage/cyp-09/").status_code == 405


def test_withdrawing_takes_it_off_the_public_pages_at_once(
    client, world, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    assert client.get("/public/indicators/cyp-01/").status_code == 200  # and now cached
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "cyp-01", False)
    client.logout()
    assert client.get("/public/indicators/cyp-01/").status_code == 404
    assert "CYP 01" not in client.get("/public/data.csv").content.decode()


def test_history_keeps_who_published_and_withdrew_and_when(world, officer):
    hidden = world["hidden"]
    indicator_publish(indicator_id=hidden.pk, publish=True, actor=officer)
    indicator_publish(indicator_id=hidden.pk, publish=False, actor=officer)
    changes = list(hidden.history.order_by("history_id"))[-2:]
    assert [(h.published, h.history_user, h.history_change_reason) for h in changes] == [
        (True, officer, "Published"),
        (False, officer, "Withdrawn from the public pages"),
    ]
    assert all(h.published_at is not None for h in changes)


def test_a_stale_request_is_refused_with_a_message(client, world, officer):
    """Someone published it since the page was read: nothing changes, and the page says so."""
    client.force_login(officer)
    response = post(client, "cyp-01", True)
    assert response.status_code == 302
    text = client.get(MANAGE).content.decode()
    assert "CYP 01 is already published: someone changed it since you opened the page." in text


def test_the_service_refuses_anyone_but_the_performance_team(world, lead):
    with pytest.raises(ApplicationError, match="Only the performance team"):
        indicator_publish(indicator_id=world["hidden"].pk, publish=True, actor=lead)
    assert not Indicator.objects.get(code="CYP 09").published


def test_the_indicator_page_tells_the_performance_team_whether_it_is_public(
    client, world, officer, lead_role
):
    client.force_login(officer)
    assert "Published on the" in client.get("/indicators/cyp-01/").content.decode()
    hidden = client.get("/indicators/cyp-09/").content.decode()
    assert "Not published on the public pages." in hidden
    assert 'href="/public/manage/"' in hidden
    client.force_login(lead_role.user)
    assert 'href="/public/manage/"' not in client.get("/indicators/cyp-01/").content.decode()
