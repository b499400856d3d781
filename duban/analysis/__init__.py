"""Analyser: Article -> Analysis (event, stops, directives, entities). Pure Python."""

from duban.analysis.schema import (
    LEVELS,
    TOPICS,
    Analysis,
    Directive,
    Entities,
    Event,
    Leader,
    Stop,
)

__all__ = ["Analysis", "Directive", "Entities", "Event", "Leader", "Stop", "TOPICS", "LEVELS", "analyze"]


def analyze(article) -> Analysis:
    """Analyse an Article (or pasted text / page bytes, read first)."""
    raise NotImplementedError("analyser: see issue 3")
