"""Reader: page bytes or pasted text -> :class:`Article` (pure Python, no Django)."""

from duban.reader.article import Article, Site

__all__ = ["Article", "Site", "read"]


def read(data, *, url=None) -> Article:
    """Read HTML (bytes in any encoding, or str) or pasted text into an Article."""
    raise NotImplementedError("reader: see issue 2")
