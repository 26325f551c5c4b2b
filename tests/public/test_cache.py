"""The public pages are cached, read afresh when a return is approved, a round closes or
an indicator is published, and tell browsers and proxies they may keep them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue
from public import cache as public_cache
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns.services.returns import return_approve
from reporting.returns.services.rounds import round_close
from tests import factories as f
from tests.public.conftest import OPEN_QUARTER_VALUE, PUBLIC_URLS, SUBMITTED_VALUE, value


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_second_visit_is_served_from_the_cache(client, world, url):
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Public-Cache"], second["X-Public-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_answers_may_be_kept_by_browsers_and_proxies(client, world, url):
    for response in (client.get(url), client.get(url)):
        assert response["Cache-Control"] == f"public, max-age={public_cache.MAX_AGE}"
        assert "Set-Cookie" not in response
        assert response.cookies == {}
        assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/public/data.csv", "/public/data.json"])
def test_open_data_names_its_licence(client, world, url):
    for response in (client.get(url), client.get(url)):
        assert 'rel="license"' in response["Link"]
        assert "open-government-licence" in response["Link"]


def test_the_csv_downloads_as_a_file(client, world):
    response = client.get("/public/data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.get("/public/data.csv")["Content-Disposition"].startswith("attachment;")


def test_a_page_not_found_is_not_kept(client, world):
    response = client.get("/public/indicators/cyp-09/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_the_publishing_page_is_not_public(client, world, officer):
    client.force_login(officer)
    response = client.get("/public/manage/")
    assert "public" not in response.get("Cache-Control", "")
    assert "X-Public-Cache" not in response


def test_approving_a_return_in_a_closed_round_makes_its_values_public_at_once(
    client, world, outcome, officer, django_capture_on_commit_callbacks
):
    """Q4 2025-26's round has closed; its submitted return is approved late."""
    submitted = f.QuarterlyReturnFactory(
        round=ReturnRound.objects.get(period__code="2025-26-Q4"),
        outcome=outcome,
        state=QuarterlyReturn.State.SUBMITTED,
    )
    assert SUBMITTED_VALUE not in client.get("/public/data.csv").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        return_approve(quarterly_return=submitted, version=submitted.version, actor=officer)
    assert SUBMITTED_VALUE in client.get("/public/data.csv").content.decode()
    assert "88.8%" in client.get("/public/indicators/cyp-01/").content.decode()


def test_closing_a_round_makes_its_quarter_public_at_once(
    client, world, officer, django_capture_on_commit_callbacks
):
    assert OPEN_QUARTER_VALUE not in client.get("/public/data.csv").content.decode()
    assert client.get("/public/data.csv")["X-Public-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        round_close(round=ReturnRound.objects.get(period__code="2026-27-Q1"), actor=officer)
    response = client.get("/public/data.csv")
    assert response["X-Public-Cache"] == "miss"
    assert OPEN_QUARTER_VALUE in response.content.decode()
    assert "Figures for Q1 2026-27 published" in client.get("/public/feed.atom").content.decode()


def test_an_approved_value_saved_in_the_admin_shows_at_once(
    client, world, area, django_capture_on_commit_callbacks
):
    """An approved value saved one by one (the admin) changes what is approved."""
    client.get("/public/data.csv")
    with django_capture_on_commit_callbacks(execute=True):
        value(world["published"], area, "2024-25-Q4", "39.9")
    assert "39.9" in client.get("/public/data.csv").content.decode()


def test_a_value_changed_around_the_models_shows_once_the_cache_expires(client, world, area):
    """A change written with ``QuerySet.update`` sends no signal: the server keeps a page no
    longer than SERVER_TIMEOUT; a bump (as the next approval does) shows it at once."""
    found = value(world["published"], area, "2024-25-Q4", "38.1")
    client.get("/public/data.csv")
    IndicatorValue.objects.filter(pk=found.pk).update(value=Decimal("39.9"))
    assert "39.9" not in client.get("/public/data.csv").content.decode()
    public_cache.bump()
    assert "39.9" in client.get("/public/data.csv").content.decode()
    assert public_cache.SERVER_TIMEOUT <= 600


def test_an_import_of_published_data_shows_at_once(
    client, world, comparator, officer, django_capture_on_commit_callbacks
):
    from indicators.imports.services import import_preview, import_save

    client.get("/public/data.csv")
    code = world["published"].code
    csv = f"Indicator,Area,Period,Value\n{code},E07000777,2024-25-Q4,31.7\n".encode()
    preview = import_preview(content=csv, file_name="nearby.csv", actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    response = client.get("/public/data.csv")
    assert response["X-Public-Cache"] == "miss"
    assert "31.7" in response.content.decode()


def test_a_draft_saved_keeps_the_public_pages_kept(
    client, world, outcome, lead, django_capture_on_commit_callbacks
):
    from reporting.returns.services.drafts import Commentary, ValueEntry, return_save

    draft = f.QuarterlyReturnFactory(
        round=ReturnRound.objects.get(period__code="2026-27-Q1"), outcome=outcome
    )
    client.get("/public/")
    with django_capture_on_commit_callbacks(execute=True):
        return_save(
            quarterly_return=draft, version=draft.version, actor=lead,
            values=[ValueEntry(indicator_id=world["published"].pk, value=Decimal("88.7"))],
            commentary=Commentary(),
        )  # fmt: skip
    assert client.get("/public/")["X-Public-Cache"] == "hit"


def test_the_version_starts_again_when_the_cache_has_lost_it(db):
    from django.core.cache import cache

    cache.clear()
    public_cache.bump()
    assert public_cache.version() == 2
    cache.clear()
    assert public_cache.version() == 1
    public_cache.bump()
    assert public_cache.version() == 2


def test_values_are_written_plainly(db):
    from public.selectors.open_data import plain_number

    assert [plain_number(Decimal(v)) for v in ("20.500000", "20.000000", "0.000100")] == [
        "20.5",
        "20",
        "0.0001",
    ]
