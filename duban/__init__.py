"""duban (督办): turn government inspection reports into a follow-through ledger.

The pure core needs no database::

    import duban
    article = duban.read(open("page.html", "rb").read(), url="https://...")
    analysis = duban.analyze(article)

The ledger, web pages, API and reports are a Django project (``duban.settings``).
"""

__version__ = "0.1.0"

__all__ = ["read", "analyze", "InputError", "__version__"]


def read(data, *, url=None):
    """Read page bytes or pasted text into an :class:`~duban.reader.Article`."""
    from duban.reader import read as _read

    return _read(data, url=url)


def analyze(article):
    """Analyse an :class:`~duban.reader.Article` into an :class:`~duban.analysis.Analysis`."""
    from duban.analysis import analyze as _analyze

    return _analyze(article)


def __getattr__(name):
    if name == "InputError":
        from duban.errors import InputError

        return InputError
    raise AttributeError(name)
