"""Adding and editing a funding stream with its amounts: saved whole with who in its
history; bad input refused in the person's words, what was typed kept, nothing half
saved; a save over someone else's refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnership.errors import ApplicationError
from partnership.models import FundingAmount, FundingStream
from reporting.funding import services
from tests.reporting.funding.conftest import this_year, years

pytestmark = pytest.mark.django_db


def form_data(stream=None, *, block=None, outcome=None, rows=(), **fields):
    """What the form posts: the stream's fields, then its rows of year and amount."""
    data = {
        "name": "Area Based Grant",
        "kind": "pooled",
        "belongs": f"outcome-{outcome.pk}" if outcome else f"block-{block.pk}",
        "provider": "",
        "version": str(stream.version) if stream else "",
    }
    for n, (year, amount) in enumerate(rows):
        data[f"year_{n}"], data[f"amount_{n}"] = year, amount
    data.update(fields)
    return data


def amounts_of(stream) -> dict[str, Decimal]:
    return dict(stream.amounts.values_list("year__code", "amount"))


# --- Saving -------------------------------------------------------------------------------


def test_the_team_adds_a_stream_with_its_amounts(client, officer, outcome, council):
    client.force_login(officer)
    y = years()
    response = client.post(
        "/funding/new/",
        form_data(outcome=outcome, provider=str(council.pk), kind="aligned",
                  rows=[(y[1], "£250,000"), (y[2], "260000.50"), ("", "")]),
    )  # fmt: skip
    stream = FundingStream.objects.get(name="Area Based Grant")
    assert response["Location"] == f"/funding/{stream.pk}/"
    assert (stream.kind, stream.outcome, stream.block, stream.provider) == (
        "aligned", outcome, None, council,
    )  # fmt: skip
    assert amounts_of(stream) == {y[1]: Decimal(250000), y[2]: Decimal("260000.50")}
    assert stream.history.get().history_user == officer
    assert {r.history_user for r in FundingAmount.history.all()} == {officer}
    page = client.get(response["Location"]).content.decode()
    assert "The funding stream has been added." in page
    assert "£260,000.50" in page


def test_an_edit_changes_adds_and_removes_years_with_history(client, officer, streams, other_block):
    stream = streams["pooled"]
    y, next_year = years(), this_year().next().code
    client.force_login(officer)
    response = client.post(
        f"/funding/{stream.pk}/edit/",
        form_data(stream, block=other_block, name="Area Based Grant (renamed)",
                  rows=[(y[1], "1100000"), (y[2], "1250000"), (next_year, "900000"), ("", "")]),
    )  # fmt: skip
    assert response.status_code == 302
    stream.refresh_from_db()
    assert (stream.name, stream.block, stream.version) == (
        "Area Based Grant (renamed)", other_block, 2,
    )  # fmt: skip
    assert amounts_of(stream) == {y[1]: 1100000, y[2]: 1250000, next_year: 900000}
    html = client.get(f"/funding/{stream.pk}/").content.decode()
    history = html.split('id="history"')[1]
    assert "Name: Area Based Grant to Area Based Grant (renamed)" in history
    assert f"Block: Children and Young People to {other_block.name}" in history
    assert f"Amount for {y[2]}" in history
    assert "Amount: £1,200,000 to £1,250,000" in history
    assert f"Amount for {y[0]}" in history
    assert "Removed" in history
    assert "£900,000" in history
    assert officer.get_full_name() in history
    assert y[0] not in html.split('id="amounts"')[1].split("</section>")[0]


def test_an_edit_that_changes_nothing_adds_no_amount_history(client, officer, streams, block):
    stream = streams["pooled"]
    before = FundingAmount.history.count()
    y = years()
    client.force_login(officer)
    rows = [(code, str(amount)) for code, amount in sorted(amounts_of(stream).items())]
    assert [code for code, _ in rows] == y
    client.post(f"/funding/{stream.pk}/edit/", form_data(stream, block=block, rows=rows))
    assert FundingAmount.history.count() == before


# --- Bad input ----------------------------------------------------------------------------


def this_years():
    return this_year().code


@pytest.mark.parametrize(
    ("rows", "fields", "error"),
    [
        ([("YEAR", "-5")], {}, "The amount cannot be negative: enter 0 or more"),
        ([("YEAR", "5"), ("YEAR", "6")], {}, "has an amount already: give each year"),
        ([("2025-26-Q1", "5")], {}, "Choose a financial year from the list"),
        ([("2025/26", "5")], {}, "Choose a financial year from the list"),
        ([("YEAR", "a lot")], {}, "Enter the amount in pounds, for example 250000"),
        ([("YEAR", "1.234")], {}, "Enter the amount to the nearest penny"),
        ([("YEAR", "")], {}, "Enter the amount for YEAR"),
        ([("", "500")], {}, "Choose the financial year of this amount"),
        ([], {"name": " "}, "Enter the name of the funding stream"),
        ([], {"kind": "shared"}, "Choose whether the stream is aligned or pooled"),
        ([], {"belongs": "block-99999"}, "Choose the block or outcome the stream funds"),
        ([], {"belongs": ""}, "Choose the block or outcome the stream funds"),
        ([], {"provider": "99999"}, "Choose a partner from the list"),
    ],
)
@pytest.mark.parametrize("editing", [False, True])
def test_bad_input_is_refused_with_what_was_typed_kept(
    client, officer, streams, block, rows, fields, error, editing
):
    stream = streams["pooled"]
    before = amounts_of(stream)
    year = this_years()
    rows = [(y.replace("YEAR", year), a) for y, a in rows]
    data = form_data(stream if editing else None, block=block, name="Typed name", rows=rows)
    data.update(fields)
    client.force_login(officer)
    url = f"/funding/{stream.pk}/edit/" if editing else "/funding/new/"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert error.replace("YEAR", year) in html
    if "name" not in fields:
        assert 'value="Typed name"' in html
    for _, amount in rows:
        assert f'value="{amount}"' in html
    stream.refresh_from_db()
    assert (stream.name, stream.version, amounts_of(stream)) == ("Area Based Grant", 1, before)
    assert FundingStream.objects.count() == 3


def test_a_stale_edit_is_refused_with_what_was_typed_kept(
    client, officer, admin_user, streams, block
):
    stream = streams["pooled"]
    year = this_years()
    client.force_login(admin_user)
    client.post(f"/funding/{stream.pk}/edit/",
                form_data(stream, block=block, name="Saved first", rows=[(year, "7")]))  # fmt: skip
    client.force_login(officer)
    response = client.post(
        f"/funding/{stream.pk}/edit/",
        form_data(stream, block=block, name="Saved second", rows=[(year, "8")]),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this funding stream since you opened it" in html
    assert 'value="Saved second"' in html
    assert 'value="8"' in html
    assert 'name="version" value="2"' in html  # saving again is a choice made knowing
    stream.refresh_from_db()
    assert (stream.name, stream.version, amounts_of(stream)) == ("Saved first", 2, {year: 7})
    again = client.post(
        f"/funding/{stream.pk}/edit/",
        form_data(stream, block=block, name="Saved second", rows=[(year, "8")]),
    )
    assert again.status_code == 302
    stream.refresh_from_db()
    assert (stream.name, amounts_of(stream)) == ("Saved second", {year: 8})


def test_a_missing_version_is_a_stale_edit(client, officer, streams, block):
    client.force_login(officer)
    stream = streams["pooled"]
    response = client.post(f"/funding/{stream.pk}/edit/", form_data(block=block, version=""))
    assert "Someone else saved this funding stream" in response.content.decode()


# --- The service refuses by itself -------------------------------------------------------


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ([("2025-26", Decimal(-1))], "The amount for 2025-26 cannot be negative."),
        ([("2025-26-Q2", Decimal(1))], "not per quarter: 2025-26-Q2 is a quarter"),
        ([("2025-27", Decimal(1))], "2025-27 is not a financial year."),
        ([("2025-26", Decimal(1)), ("2025-26", Decimal(2))], "more than one amount for 2025-26"),
    ],
)
def test_the_service_refuses_bad_amounts_and_saves_nothing(
    officer, streams, block, amounts, message
):
    stream = streams["pooled"]
    before = amounts_of(stream)
    fields = services.StreamFields(name="Changed", kind="aligned", block=block, outcome=None,
                                   provider=None)  # fmt: skip
    with pytest.raises(ApplicationError, match=message):
        services.edit_stream(user=officer, stream_id=stream.pk, version=1, fields=fields,
                             amounts=amounts)  # fmt: skip
    with pytest.raises(ApplicationError, match=message):
        services.add_stream(user=officer, fields=fields, amounts=amounts)
    stream.refresh_from_db()
    assert (stream.name, amounts_of(stream)) == ("Area Based Grant", before)
    assert FundingStream.objects.count() == 3


def test_the_service_refuses_a_stream_on_both_a_block_and_an_outcome(officer, block, outcome):
    fields = services.StreamFields(name="Both", kind="aligned", block=block, outcome=outcome,
                                   provider=None)  # fmt: skip
    with pytest.raises(ApplicationError, match="linked to a block or an outcome"):
        services.add_stream(user=officer, fields=fields, amounts=[])
    assert not FundingStream.objects.exists()


def test_the_service_asks_access_first(board, streams, block):
    fields = services.StreamFields(name="Mine", kind="aligned", block=block, outcome=None,
                                   provider=None)  # fmt: skip
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.add_stream(user=board, fields=fields, amounts=[])
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.edit_stream(user=board, stream_id=streams["pooled"].pk, version=1,
                             fields=fields, amounts=[])  # fmt: skip
    assert not FundingStream.objects.filter(name="Mine").exists()
