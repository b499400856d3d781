"""What a channel is, and the HTTP helper the robot, webhook and SMS channels share."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Message:
    """One notification, before it is shaped for a channel."""

    event: str        # "remind", "assign", "return", "urge", "escalate" …
    title: str        # one line: an email subject, a robot card's title, an SMS's gist
    text: str         # plain text body
    url: str = ""     # where to act on it (absolute when DUBAN_BASE_URL is set)
    markdown: str = ""  # an optional richer body for robots; derived from text when empty

    def as_markdown(self) -> str:
        if self.markdown:
            return self.markdown
        link = f"\n\n[查看详情]({self.url})" if self.url else ""
        return f"### {self.title}\n\n{self.text}{link}"

    def as_text(self) -> str:
        return f"{self.text}\n\n{self.url}" if self.url else self.text


class DeliveryError(Exception):
    """The channel could not deliver; the message is kept and tried again later."""


class Channel:
    """Subclass (or duck-type) this in a plugin. ``send`` returns a short note for the log
    (the provider's answer) and raises ``DeliveryError`` when delivery failed."""

    name = ""
    label = ""
    address_label = "地址"
    # True for channels whose address is a group (a robot's URL), not one person.
    group = False

    def send(self, message: Message, address: str, secret: str = "") -> str:
        raise NotImplementedError

    def default_address(self, user) -> str:
        """The address to use for a user who chose this channel but gave none."""
        return ""


def timeout() -> float:
    return float(getattr(settings, "DUBAN_NOTIFY_TIMEOUT", 10))


def post_json(url: str, body: dict, headers: dict | None = None) -> dict:
    """POST ``body`` as UTF-8 JSON; return the JSON answer ({} if none). Network errors and
    HTTP errors become ``DeliveryError`` with a one-line reason."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", **(headers or {})})
    return _open(request)


def get_json(url: str) -> dict:
    return _open(urllib.request.Request(url, method="GET"))


def _open(request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=timeout()) as response:  # noqa: S310 (configured URL)
            raw = response.read(1 << 16)
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"HTTP {error.code}") from None
    except (OSError, ValueError) as error:  # refused, timeout, DNS, bad URL
        raise DeliveryError(str(getattr(error, "reason", None) or error)) from None
    try:
        answer = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (UnicodeDecodeError, ValueError):
        return {}
    return answer if isinstance(answer, dict) else {}
