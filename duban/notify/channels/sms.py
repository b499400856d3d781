"""SMS through 阿里云短信服务 (Dysmsapi ``SendSms``, RPC API with signature version 1.0).

SMS in China goes only through pre-approved templates: the template
(``DUBAN_SMS_ALIYUN_TEMPLATE_CODE``) must take one variable ``${title}``, e.g. "您有督办事项：
${title}，请登录督办系统办理。" Settings: ``DUBAN_SMS_ALIYUN_ACCESS_KEY_ID``, ``…_ACCESS_KEY_SECRET``,
``…_SIGN_NAME``, ``…_TEMPLATE_CODE``, and ``…_ENDPOINT`` (default the public one; an intranet
deployment points it at its SMS gateway or proxy). Another provider is a plugin with its
own channel.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.parse
import uuid

from django.conf import settings

from duban import clock
from duban.notify.channels.base import Channel, DeliveryError, Message, get_json
from duban.notify.hookspecs import hookimpl

ENDPOINT = "https://dysmsapi.aliyuncs.com/"
TITLE_LIMIT = 35  # Aliyun caps a template variable's length


def percent_encode(value: str) -> str:
    """Aliyun's encoding: RFC 3986 (space as %20, * as %2A, ~ kept)."""
    return urllib.parse.quote(value, safe="~")


def sign(params: dict, secret: str, method: str = "GET") -> str:
    """Signature version 1.0: HMAC-SHA1 over "METHOD&%2F&" + the encoded, sorted query."""
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def config() -> dict:
    # Each setting by its whole name, so that a search for it finds where it is used.
    return {"access_key_id": settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_ID,
            "access_key_secret": settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_SECRET,
            "sign_name": settings.DUBAN_SMS_ALIYUN_SIGN_NAME,
            "template_code": settings.DUBAN_SMS_ALIYUN_TEMPLATE_CODE,
            "endpoint": settings.DUBAN_SMS_ALIYUN_ENDPOINT}


class AliyunSms(Channel):
    name = "sms"
    label = "短信（阿里云）"
    address_label = "手机号码"

    def send(self, message: Message, address: str, secret: str = "") -> str:
        conf = config()
        if not (conf["access_key_id"] and conf["access_key_secret"] and conf["template_code"]):
            raise DeliveryError("未配置短信服务（DUBAN_SMS_ALIYUN_*）")
        params = {
            "AccessKeyId": conf["access_key_id"], "Action": "SendSms", "Format": "JSON",
            "PhoneNumbers": address, "RegionId": "cn-hangzhou", "SignName": conf["sign_name"],
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
            "TemplateCode": conf["template_code"],
            "TemplateParam": json.dumps({"title": message.title[:TITLE_LIMIT]}, ensure_ascii=False),
            "Timestamp": clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        params["Signature"] = sign(params, conf["access_key_secret"])
        answer = get_json(f"{conf['endpoint'] or ENDPOINT}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote)}")
        if answer.get("Code") != "OK":
            raise DeliveryError(f"短信平台拒收：{answer.get('Code')} {answer.get('Message', '')}".strip())
        return f"短信已受理（{answer.get('BizId', '')}）"

    def default_address(self, user) -> str:
        return user.phone


@hookimpl
def duban_notify_channels():
    return [AliyunSms()]
