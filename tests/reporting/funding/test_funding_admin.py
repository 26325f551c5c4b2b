"""A funding stream changed in the admin moves its version on, so that a form opened on
the funding pages before the change is refused rather than saved over it."""

import pytest

from partnership.models import FundingStream
from tests.reporting.funding.conftest import make_stream, this_year
from tests.test_admin import admin_form_data, admin_url

pytestmark = pytest.mark.django_db


def test_a_change_in_the_admin_makes_an_open_edit_stale(admin_client, block):
    stream = make_stream("Area Based Grant", block=block, amounts={this_year().code: 10})
    url = admin_url(FundingStream, "change", stream.pk)
    data = admin_form_data(admin_client.get(url))
    assert "version" not in data
    data["name"] = "Renamed in the admin"
    assert admin_client.post(url, data).status_code == 302
    stream.refresh_from_db()
    assert (stream.name, stream.version) == ("Renamed in the admin", 2)

    response = admin_client.post(
        f"/funding/{stream.pk}/edit/",
        {"name": "Typed on the page", "kind": "aligned", "belongs": f"block-{block.pk}",
         "version": "1", "year_0": this_year().code, "amount_0": "20"},
    )  # fmt: skip
    assert "Someone else saved this funding stream" in response.content.decode()
    stream.refresh_from_db()
    assert stream.name == "Renamed in the admin"
