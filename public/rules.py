"""The public pages' plain-English line for an indicator: pure, no Django.

"Better than last year; behind the target for March 2027".
"""

from __future__ import annotations

from targets.rules import Direction, Rag

_AGAINST_LAST_YEAR = {
    Direction.IMPROVING: "Better than last year",
    Direction.WORSENING: "Worse than last year",
    Direction.NO_CHANGE: "About the same as last year",
}
_AGAINST_PREVIOUS = {
    Direction.IMPROVING: "Better than the time before",
    Direction.WORSENING: "Worse than the time before",
    Direction.NO_CHANGE: "About the same as the time before",
}
_AGAINST_TARGET = {
    Rag.GREEN: "on track for the target for {when}",
    Rag.AMBER: "just behind the target for {when}",
    Rag.RED: "behind the target for {when}",
    Rag.GREY: "not yet measured against the target for {when}",
}

RAG_SHAPES = {Rag.GREEN: "circle", Rag.AMBER: "triangle", Rag.RED: "diamond", Rag.GREY: "dash"}


def travel_words(*, against_last_year: Direction, against_previous: Direction) -> str:
    """How the latest value compares, in words: with last year when that can be judged,
    else with the period before; "" when neither can."""
    if against_last_year in _AGAINST_LAST_YEAR:
        return _AGAINST_LAST_YEAR[against_last_year]
    return _AGAINST_PREVIOUS.get(against_previous, "")


def plain_line(
    *, against_last_year: Direction, against_previous: Direction, rag: Rag, target_when: str
) -> str:
    """The sentence a resident reads beside an indicator; ``target_when`` is when the
    target is for ("March 2027"), "" when there is no target."""
    travel = travel_words(against_last_year=against_last_year, against_previous=against_previous)
    target = _AGAINST_TARGET[rag].format(when=target_when) if target_when else ""
    if travel and target:
        return f"{travel}; {target}."
    if travel:
        return f"{travel}."
    if target:
        return f"{target[0].upper()}{target[1:]}."
    return "Not enough data yet to say how this is changing."
