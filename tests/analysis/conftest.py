"""Helpers for analyser tests: articles built from hand-written paragraphs."""

import pytest

from duban.reader.article import Article


def make_article(*paragraphs: str, published: str = "2024-06-12", title: str = "测试报道") -> Article:
    return Article(title=title, published=published, body=list(paragraphs))


@pytest.fixture
def article():
    return make_article


@pytest.fixture(scope="session")
def seed_analysis():
    """The bundled seed report, read and analysed once for the session."""
    from pathlib import Path

    import duban

    seed = Path(__file__).resolve().parents[2] / "duban" / "data" / "zhaoling-2023-10-20.txt"
    return duban.analyze(duban.read(seed.read_bytes()))
