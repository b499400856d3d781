"""Each channel's wire format and signature, against a local receiver."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.parse

import pytest
from django.core import mail

from duban.notify import plugins
from duban.notify.channels import robots, sms, webhook
from duban.notify.channels.base import DeliveryError, Message

MESSAGE = Message(event="urge", title="【催办】修缮漓江路", text="请抓紧办理\n已超期 3 天", url="https://d.example/items/7/")
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def test_builtin_channels_are_plugins():
    assert {"email", "wecom", "dingtalk", "feishu", "robot", "webhook", "sms"} <= set(plugins.channels())
    assert ("wecom", "企业微信群机器人") in plugins.choices()
    with pytest.raises(LookupError, match="未知的通知渠道"):
        plugins.channel("pigeon")


def test_a_registered_plugin_adds_a_channel():
    from duban.notify.hookspecs import hookimpl

    class Pigeon:
        name, label = "pigeon", "信鸽"

    class Plugin:
        @hookimpl
        def duban_notify_channels(self):
            return [Pigeon()]

    plugin = Plugin()
    plugins.manager().register(plugin, name="pigeon")
    try:
        assert plugins.channel("pigeon").label == "信鸽"
    finally:
        plugins.manager().unregister(plugin)
    assert "pigeon" not in plugins.channels()


def test_wecom_markdown(receiver):
    note = robots.WeCom().send(MESSAGE, receiver.url + "?key=abc")
    [request] = receiver.requests
    assert request["query"] == {"key": "abc"} and note == "机器人已接收"
    assert request["json"]["msgtype"] == "markdown"
    content = request["json"]["markdown"]["content"]
    assert content.startswith("### 【催办】修缮漓江路") and "[查看详情](https://d.example/items/7/)" in content


def test_dingtalk_signs_timestamp_and_secret(receiver, frozen_clock):
    frozen_clock(NOW)
    robots.DingTalk().send(MESSAGE, receiver.url + "?access_token=tok", secret="SEC123")
    [request] = receiver.requests
    query = request["query"]
    timestamp = int(NOW.timestamp() * 1000)
    assert query["access_token"] == "tok" and query["timestamp"] == str(timestamp)
    # 钉钉's documented check: Base64(HMAC-SHA256(secret, "timestamp\nsecret")).
    expected = base64.b64encode(hmac.new(b"SEC123", f"{timestamp}\nSEC123".encode(), hashlib.sha256).digest())
    assert query["sign"] == expected.decode()  # parse_qsl undid the URL encoding
    assert request["json"]["markdown"]["title"] == MESSAGE.title


def test_dingtalk_without_secret_is_unsigned(receiver):
    robots.DingTalk().send(MESSAGE, receiver.url + "?access_token=tok")
    assert receiver.requests[0]["query"] == {"access_token": "tok"}


def test_feishu_post_with_signature(receiver, frozen_clock):
    frozen_clock(NOW)
    receiver.reply = {"code": 0, "msg": "success"}
    robots.Feishu().send(MESSAGE, receiver.url, secret="fsec")
    body = receiver.requests[0]["json"]
    timestamp = int(NOW.timestamp())
    assert body["timestamp"] == str(timestamp)
    expected = base64.b64encode(hmac.new(f"{timestamp}\nfsec".encode(), b"", hashlib.sha256).digest()).decode()
    assert body["sign"] == expected
    post = body["content"]["post"]["zh_cn"]
    assert body["msg_type"] == "post" and post["title"] == MESSAGE.title
    assert [{"tag": "text", "text": "已超期 3 天"}] in post["content"]
    assert post["content"][-1] == [{"tag": "a", "text": "查看详情", "href": MESSAGE.url}]


@pytest.mark.parametrize("channel, reply", [(robots.WeCom(), {"errcode": 93000, "errmsg": "invalid webhook url"}),
                                            (robots.Feishu(), {"code": 19021, "msg": "sign match fail"})])
def test_robot_refusal_is_a_delivery_error(receiver, channel, reply):
    receiver.reply = reply
    with pytest.raises(DeliveryError, match="机器人拒收"):
        channel.send(MESSAGE, receiver.url)


def test_unreachable_robot_is_a_delivery_error():
    with pytest.raises(DeliveryError):
        robots.WeCom().send(MESSAGE, "http://127.0.0.1:9/none")


def test_channel_for_url():
    assert robots.channel_for_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x") == "wecom"
    assert robots.channel_for_url("https://oapi.dingtalk.com/robot/send?access_token=x") == "dingtalk"
    assert robots.channel_for_url("https://open.feishu.cn/open-apis/bot/v2/hook/x") == "feishu"
    assert robots.channel_for_url("http://10.0.0.5/hook") == "robot"


def test_generic_webhook_signs_the_body(receiver):
    webhook.Webhook().send(MESSAGE, receiver.url, secret="whsec")
    request = receiver.requests[0]
    assert request["json"] == {"event": "urge", "title": MESSAGE.title, "text": MESSAGE.text, "url": MESSAGE.url}
    expected = "sha256=" + hmac.new(b"whsec", request["raw"], hashlib.sha256).hexdigest()
    assert request["headers"]["X-Duban-Signature"] == expected


def _aliyun_signature(params: dict, secret: str) -> str:
    """Aliyun's signature v1.0 written out again from their documentation, to check ours."""
    def enc(s):
        return urllib.parse.quote(s, safe="").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")

    query = "&".join(f"{enc(k)}={enc(params[k])}" for k in sorted(params))
    to_sign = "GET&" + enc("/") + "&" + enc(query)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


def test_aliyun_sms_request_is_signed(receiver, settings, frozen_clock):
    frozen_clock(NOW)
    settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_ID = "testid"
    settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_SECRET = "testsecret"
    settings.DUBAN_SMS_ALIYUN_SIGN_NAME = "督查室"
    settings.DUBAN_SMS_ALIYUN_TEMPLATE_CODE = "SMS_1234"
    settings.DUBAN_SMS_ALIYUN_ENDPOINT = receiver.url
    receiver.reply = {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0"}
    note = sms.AliyunSms().send(MESSAGE, "13800000000")
    [request] = receiver.requests
    params = dict(request["query"])
    assert request["method"] == "GET"
    assert params["PhoneNumbers"] == "13800000000" and params["SignName"] == "督查室"
    assert params["Timestamp"] == "2026-11-26T09:30:00Z" and params["Action"] == "SendSms"
    assert json.loads(params["TemplateParam"]) == {"title": MESSAGE.title}
    signature = params.pop("Signature")
    assert signature == _aliyun_signature(params, "testsecret")
    assert "900619746936498440" in note


def test_aliyun_refusal_and_missing_settings(receiver, settings):
    settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_ID = ""
    with pytest.raises(DeliveryError, match="未配置短信服务"):
        sms.AliyunSms().send(MESSAGE, "13800000000")
    settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_ID = "id"
    settings.DUBAN_SMS_ALIYUN_ACCESS_KEY_SECRET = "s"
    settings.DUBAN_SMS_ALIYUN_TEMPLATE_CODE = "SMS_1"
    settings.DUBAN_SMS_ALIYUN_ENDPOINT = receiver.url
    receiver.reply = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}
    with pytest.raises(DeliveryError, match="MOBILE_NUMBER_ILLEGAL"):
        sms.AliyunSms().send(MESSAGE, "123")


def test_email(settings):
    from duban.notify.channels.email import Email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email().send(MESSAGE, "l1@example.cn")
    [sent] = mail.outbox
    assert sent.subject == MESSAGE.title and sent.to == ["l1@example.cn"]
    assert sent.body.endswith("https://d.example/items/7/")
