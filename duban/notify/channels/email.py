"""Email through Django's mail settings (``DUBAN_EMAIL_BACKEND``, ``EMAIL_HOST`` …)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from duban.notify.channels.base import Channel, DeliveryError, Message
from duban.notify.hookspecs import hookimpl


class Email(Channel):
    name = "email"
    label = "电子邮件"
    address_label = "邮箱"

    def send(self, message: Message, address: str, secret: str = "") -> str:
        try:
            send_mail(message.title, message.as_text(), settings.DEFAULT_FROM_EMAIL, [address])
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"邮件发送失败：{error}") from None
        return "已交给邮件服务器"

    def default_address(self, user) -> str:
        return user.email


@hookimpl
def duban_notify_channels():
    return [Email()]
