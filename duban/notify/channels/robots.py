"""Group robots of 企业微信, 钉钉 and 飞书: a POST of JSON to the robot's webhook address.

- 企业微信 (``https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…``): ``{"msgtype":
  "markdown", "markdown": {"content": …}}``; answers ``{"errcode": 0}``. No signing (the key
  in the address is the secret).
- 钉钉 (``https://oapi.dingtalk.com/robot/send?access_token=…``): ``{"msgtype": "markdown",
  "markdown": {"title": …, "text": …}}``; with 加签 the address gains ``timestamp`` (ms) and
  ``sign`` = Base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")), URL-encoded; answers
  ``{"errcode": 0}``.
- 飞书 (``https://open.feishu.cn/open-apis/bot/v2/hook/…``): a ``post`` rich-text message;
  with 签名校验 the body gains ``timestamp`` (s) and ``sign`` = Base64(HMAC-SHA256(key=
  "timestamp\\nsecret", empty message)); answers ``{"code": 0}``.
- ``robot``: the body duban always posted to ``DUBAN_REMINDER_WEBHOOK``, read by both
  企业微信 (``content``) and 钉钉 (``title``/``text``), for addresses of unknown hosts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse

from duban import clock
from duban.notify.channels.base import Channel, DeliveryError, Message, post_json
from duban.notify.hookspecs import hookimpl


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """钉钉 加签: the ``sign`` query parameter (already URL-encoded)."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def feishu_sign(timestamp_s: int, secret: str) -> str:
    """飞书 签名校验: the key is "timestamp\\nsecret" and the message is empty (their scheme)."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _check_errcode(answer: dict, *keys: str) -> str:
    for key in keys:
        if key in answer and answer[key] not in (0, "0"):
            raise DeliveryError(f"机器人拒收：{answer.get('errmsg') or answer.get('msg') or answer[key]}")
    return "机器人已接收"


class WeCom(Channel):
    name = "wecom"
    label = "企业微信群机器人"
    address_label = "机器人 Webhook 地址"
    group = True

    def send(self, message: Message, address: str, secret: str = "") -> str:
        answer = post_json(address, {"msgtype": "markdown", "markdown": {"content": message.as_markdown()}})
        return _check_errcode(answer, "errcode")


class DingTalk(Channel):
    name = "dingtalk"
    label = "钉钉群机器人"
    address_label = "机器人 Webhook 地址"
    group = True

    def send(self, message: Message, address: str, secret: str = "") -> str:
        if secret:
            timestamp = int(clock.now().timestamp() * 1000)
            joiner = "&" if "?" in address else "?"
            address = f"{address}{joiner}timestamp={timestamp}&sign={dingtalk_sign(timestamp, secret)}"
        body = {"msgtype": "markdown", "markdown": {"title": message.title, "text": message.as_markdown()}}
        return _check_errcode(post_json(address, body), "errcode")


class Feishu(Channel):
    name = "feishu"
    label = "飞书群机器人"
    address_label = "机器人 Webhook 地址"
    group = True

    def send(self, message: Message, address: str, secret: str = "") -> str:
        lines = [[{"tag": "text", "text": line}] for line in message.text.splitlines() if line.strip()]
        if message.url:
            lines.append([{"tag": "a", "text": "查看详情", "href": message.url}])
        body = {"msg_type": "post", "content": {"post": {"zh_cn": {"title": message.title, "content": lines}}}}
        if secret:
            timestamp = int(clock.now().timestamp())
            body = {"timestamp": str(timestamp), "sign": feishu_sign(timestamp, secret), **body}
        return _check_errcode(post_json(address, body), "code", "StatusCode")


class AnyRobot(Channel):
    """企业微信 and 钉钉 at once (the body duban's reminders always sent)."""

    name = "robot"
    label = "群机器人（企业微信/钉钉通用格式）"
    address_label = "机器人 Webhook 地址"
    group = True

    def send(self, message: Message, address: str, secret: str = "") -> str:
        content = message.as_markdown()
        body = {"msgtype": "markdown", "markdown": {"title": message.title, "content": content, "text": content}}
        return _check_errcode(post_json(address, body), "errcode")


HOSTS = {"qyapi.weixin.qq.com": "wecom", "oapi.dingtalk.com": "dingtalk", "open.feishu.cn": "feishu",
         "open.larksuite.com": "feishu"}


def channel_for_url(url: str) -> str:
    """The robot channel a webhook address belongs to (``robot`` for unknown hosts)."""
    return HOSTS.get(urllib.parse.urlsplit(url).hostname or "", "robot")


@hookimpl
def duban_notify_channels():
    return [WeCom(), DingTalk(), Feishu(), AnyRobot()]
