"""The documented input errors: everything else escaping duban.read/analyze is a bug."""


class InputError(ValueError):
    """Input that cannot be read: empty, binary, not a page, too large, unreachable.

    The message is meant for the user (one line, Chinese or English), never a traceback.
    """


class EmptyInput(InputError):
    pass


class NotAPage(InputError):
    pass


class TooLarge(InputError):
    """Input over a size limit; ``TooLarge.over(what, limit, size)`` words every such limit alike."""

    @classmethod
    def over(cls, what: str, limit: int, size: int | None = None) -> "TooLarge":
        measured = f"{megabytes(size)}，" if size is not None else ""
        return cls(f"{what}过大（{measured}上限 {megabytes(limit)}）")


class FetchError(InputError):
    """A URL could not be fetched (timeout, refused address, HTTP error, redirect loop)."""


class PrivateAddress(FetchError):
    """A URL points into the intranet or at this machine (refused against SSRF). The message
    names no switch: each interface adds its own (``--allow-private``, ``DUBAN_ALLOW_PRIVATE_URLS``)."""


def megabytes(size: int) -> str:
    """A size as people read it: ``20 MB``, ``0.5 MB`` (sizes in messages are always in MB)."""
    value = size / 2**20
    if value < 0.001:  # only test limits are this small
        return f"{size} 字节"
    return (f"{value:.1f}".removesuffix(".0") if value >= 0.1 else f"{value:.2g}") + " MB"
