"""``Status(code, body)`` for routes that answer with more than one status code.

django-ninja 1.7 deprecates returning a ``(code, body)`` tuple in favour of ``Status``;
older releases only know the tuple.
"""

try:
    from ninja import Status
except ImportError:  # django-ninja < 1.7

    def Status(status_code, value):  # noqa: N802 - same name as ninja's class
        return status_code, value

__all__ = ["Status"]
