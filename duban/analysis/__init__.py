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
    """Analyse an Article (or pasted text / page bytes, read first with duban.read)."""
    from duban.analysis.analyzer import analyze_article
    from duban.reader import read
    from duban.reader.article import Article

    if not isinstance(article, Article):
        article = read(article)
    return analyze_article(article)
