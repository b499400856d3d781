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
    pass


class FetchError(InputError):
    """A URL could not be fetched (timeout, refused address, HTTP error, redirect loop)."""
