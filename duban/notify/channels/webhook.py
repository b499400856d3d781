"""A generic webhook: duban's own JSON, for a gateway the deployment writes itself (a 政务
微信 bridge, a message bus). With a secret, the body is signed like GitHub's webhooks:
``X-Duban-Signature: sha256=<hex HMAC-SHA256 of the body>``."""

from __future__ import annotations

import hashlib
import hmac
import json

from duban.notify.channels.base import Channel, Message, post_json
from duban.notify.hookspecs import hookimpl


def body_of(message: Message) -> dict:
    return {"event": message.event, "title": message.title, "text": message.text, "url": message.url}


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class Webhook(Channel):
    name = "webhook"
    label = "通用 Webhook"
    address_label = "接收地址（URL）"

    def send(self, message: Message, address: str, secret: str = "") -> str:
        body = body_of(message)
        headers = {}
        if secret:
            raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["X-Duban-Signature"] = signature(raw, secret)
        post_json(address, body, headers)
        return "已接收"


@hookimpl
def duban_notify_channels():
    return [Webhook()]
