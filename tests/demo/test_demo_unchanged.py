"""The pages a board reads show exactly what they showed before they were made fast (issue 13).

Each page of the demo as at 21 November 2026 (the exception dashboard, every board view,
the list of indicators, the pages of the demo's indicators with a target, and the quarter's
scorecard as a pack reads it) is read through the site, and what its selector gave the
template (every figure, RAG, direction of travel, SPC judgement, name and link) and its
charts (the plotly figure each draws) are compared with a snapshot taken from the code
before it was optimised: ``tests/demo/snapshots/``. No figure may change.

A deliberate change of what a page shows takes a new snapshot:
``UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/demo/test_demo_unchanged.py``, and the diff
of the snapshot is then reviewed like code.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from partnership import access
from partnership.charts import Chart
from partnership.models import Block
from reporting.packs.selectors.data import pack_data
from reporting.returns.models import QuarterlyReturn
from reporting.scorecard.selectors import default_quarter, scorecard
from risks.models import Risk
from targets.models import Target
from tests.demo.test_load_demo import LATEST, TODAY, load

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def plain(thing: Any) -> Any:
    """What a page was given, as JSON: dataclasses field by field, charts as their figure."""
    if isinstance(thing, Chart):
        figure = json.loads(thing.figure_json)
        # plotly's default look, the same in every chart: kept once, as its digest.
        template = json.dumps(figure["layout"].pop("template", None), sort_keys=True)
        figure["layout"]["template_sha1"] = hashlib.sha1(template.encode()).hexdigest()
        return {
            "title": thing.title,
            "summary": thing.summary,
            "figure": figure,
            "table": plain(thing.table),
        }
    if dataclasses.is_dataclass(thing) and not isinstance(thing, type):
        return {f.name: plain(getattr(thing, f.name)) for f in dataclasses.fields(thing)}
    if isinstance(thing, Model):
        return f"{thing._meta.label} {thing.pk}"
    if isinstance(thing, enum.Enum):
        return thing.value
    if isinstance(thing, dict):
        return {str(plain(key)): plain(value) for key, value in thing.items()}
    if isinstance(thing, list | tuple | set | frozenset):
        items = [plain(item) for item in thing]
        return sorted(items, key=json.dumps) if isinstance(thing, set | frozenset) else items
    if isinstance(thing, Decimal | date | datetime):
        return str(thing)
    if thing is None or isinstance(thing, bool | int | float | str):
        return thing
    return str(thing)


def check(name: str, found: Any) -> None:
    """``found`` is the snapshot ``name`` (written afresh with UPDATE_SNAPSHOTS=1)."""
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(plain(found), indent=1, sort_keys=True) + "\n"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"No snapshot {path.name}: take one with UPDATE_SNAPSHOTS=1"
    assert json.loads(text) == json.loads(path.read_text()), f"{name} differs from its snapshot"


def _ids_from_the_rows() -> None:
    """Each table's next id the one after its last row's, as SQLite numbers them (where the
    snapshots were taken): PostgreSQL's sequences have run on through the rolled-back rows
    of the tests before, and a page's links and ids would differ."""
    sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo as at 21 November 2026, its ids as in the snapshots, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        _ids_from_the_rows()
        yield load(today=TODAY.isoformat())
        transaction.set_rollback(True)


CONTEXT_KEYS = ("page", "listing", "chart", "spc_chart", "sub_areas_chart")


@pytest.fixture
def as_at_demo_day(monkeypatch):
    """Pages read "today" as the demo's day, so the snapshots do not age."""
    localdate = timezone.localdate

    def demo_day(value=None, timezone=None):
        return TODAY if value is None else localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", demo_day)


@pytest.mark.usefixtures("demo", "as_at_demo_day")
class TestPagesOfTheDemo:
    def read(self, client, username: str, url: str) -> dict[str, Any]:
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
        return {key: response.context[key] for key in CONTEXT_KEYS if key in response.context}

    @pytest.mark.parametrize("username", ["psb", "lead"])
    def test_the_exception_dashboard(self, client, username):
        check(f"exceptions-{username}", self.read(client, username, "/exceptions/"))

    def test_every_board_view(self, client):
        for block in Block.objects.order_by("slug"):
            check(f"board-{block.slug}", self.read(client, "board", f"/blocks/{block.slug}/"))

    def test_the_list_of_indicators(self, client):
        check("indicators", self.read(client, "psb", "/indicators/"))

    def test_the_pages_of_indicators_with_a_target(self, client):
        """One in five of them, in code order: every kind of target, unit and frequency."""
        slugs = Target.objects.filter(area__kind="partnership").order_by("indicator__code")
        chosen = list(slugs.values_list("indicator__slug", flat=True))[::5]
        check(
            "indicator-pages",
            {slug: self.read(client, "psb", f"/indicators/{slug}/") for slug in chosen},
        )

    @pytest.mark.parametrize("username", ["officer", "lead"])
    def test_the_returns_list(self, client, username):
        check(f"returns-{username}", self.read(client, username, "/returns/"))

    def test_the_returns_of_the_open_quarter(self, client):
        pks = QuarterlyReturn.objects.filter(round__period__code=LATEST).values_list(
            "pk", flat=True
        )
        check(
            "return-pages",
            {pk: self.read(client, "officer", f"/returns/{pk}/") for pk in sorted(pks)},
        )

    def test_the_charts_of_the_risk_register_and_funding(self, client):
        """Their charts only: every kind of chart the site draws is in these snapshots."""
        urls = ["/risks/", "/risks/?position=inherent", "/funding/"]
        urls += [f"/risks/{pk}/" for pk in Risk.objects.order_by("pk").values_list("pk", flat=True)]
        check(
            "other-charts",
            {url: self.read(client, "admin", url).get("chart") for url in urls},
        )

    def test_the_scorecard_a_pack_reads(self):
        admin = get_user_model().objects.get(username="admin")
        card = scorecard(user=admin, period=default_quarter(), today=TODAY, approved_only=False)
        check("scorecard-with-submitted", card)

    def test_the_comparators_of_a_pack(self):
        """The Comparators sheet's lines, read as they are written (streamed, in order)."""
        data = pack_data(
            user=access.PERFORMANCE_TEAM_JOB,
            period=default_quarter(),
            today=TODAY,
            generated_at=timezone.now(),
        )
        lines = list(data.comparator_lines())
        check("pack-comparators", {"periods": data.comparator_periods, "lines": lines})
        assert data.comparator_count == len(lines)
