"""What a resident reads on the public pages: each indicator judged in words and shapes."""

from __future__ import annotations

import re

from indicators.models import IndicatorValue
from tests import factories as f


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_home_page_judges_each_published_indicator_in_plain_words(client, world):
    IndicatorValue.objects.filter(period__code="2025-26-Q4").update(is_approved=True)
    html = client.get("/public/").content.decode()
    text = text_of(html)
    assert "Figures up to Q4 2025-26" in text
    assert "Better than the time before; on track for the target for March 2027." in text
    assert "Latest (Q4 2025-26) 88.8%" in text
    assert "Target for March 2027 60.0%" in text
    assert "Rating Green" in text
    assert "Direction of travel Improving" in text
    assert "Led by Anycity Council" in text
    assert '<circle cx="8" cy="8" r="7"' in html  # green is a circle as well as a word
    assert "Children and Young People" in text  # the block


def test_an_indicator_with_no_approved_value_for_the_quarter_says_so(client, world):
    text = text_of(client.get("/public/").content.decode())
    assert "Rating No data" in text
    assert "Not yet measured against the target for March 2027." in text


def test_the_priorities_list_their_published_indicators(client, world, outcome):
    priority = f.PriorityFactory(title="Giving every child the best start")
    outcome.priorities.add(priority)
    text = text_of(client.get("/public/").content.decode())
    assert "The partnership's priorities" in text
    assert "Giving every child the best start" in text
    assert "Hidden indicator" not in text


def test_the_indicator_page_shows_the_trend_against_the_target(client, world):
    html = client.get("/public/indicators/cyp-01/").content.decode()
    text = text_of(html)
    assert "Latest (Q3 2025-26) 45.5%" in text
    assert "Target for March 2027 60.0% (standard, from 40.0% in 2024-25)" in text
    assert 'data-chart-for="trend-chart"' in html
    assert "Nearby Town" in text  # the comparator, in the chart's table
    assert "Download the data (CSV)" in text
    assert "Data last updated on 15 January 2026" in text


def test_with_nothing_published_the_page_says_so(client, world):
    from indicators.models import Indicator

    Indicator.objects.update(published=False)
    text = text_of(client.get("/public/").content.decode())
    assert "Nothing has been published yet." in text
