"""The plain-English line beside each published indicator (public/rules.py)."""

from __future__ import annotations

import pytest

from public.rules import RAG_SHAPES, plain_line, travel_words
from targets.rules import Direction, Rag

UP, W, N, X = Direction.IMPROVING, Direction.WORSENING, Direction.NO_CHANGE, Direction.NOT_ASSESSED


@pytest.mark.parametrize(
    ("last_year", "previous", "words"),
    [
        (UP, X, "Better than last year"),
        (W, UP, "Worse than last year"),
        (N, W, "About the same as last year"),
        (X, UP, "Better than the time before"),
        (X, W, "Worse than the time before"),
        (X, N, "About the same as the time before"),
        (X, X, ""),
    ],
)
def test_travel_is_against_last_year_else_the_time_before(last_year, previous, words):
    assert travel_words(against_last_year=last_year, against_previous=previous) == words


@pytest.mark.parametrize(
    ("last_year", "rag", "when", "line"),
    [
        (
            UP,
            Rag.GREEN,
            "March 2027",
            "Better than last year; on track for the target for March 2027.",
        ),
        (
            UP,
            Rag.AMBER,
            "March 2027",
            "Better than last year; just behind the target for March 2027.",
        ),
        (W, Rag.RED, "March 2027", "Worse than last year; behind the target for March 2027."),
        (
            N,
            Rag.GREY,
            "March 2027",
            "About the same as last year; not yet measured against the target for March 2027.",
        ),
        (UP, Rag.GREEN, "", "Better than last year."),
        (X, Rag.RED, "March 2027", "Behind the target for March 2027."),
        (X, Rag.GREY, "", "Not enough data yet to say how this is changing."),
    ],
)
def test_the_line_says_travel_then_the_target(last_year, rag, when, line):
    got = plain_line(against_last_year=last_year, against_previous=X, rag=rag, target_when=when)
    assert got == line


def test_every_rating_has_its_own_shape():
    assert set(RAG_SHAPES) == set(Rag)
    assert len(set(RAG_SHAPES.values())) == len(Rag)
