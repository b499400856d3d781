"""``duban createuser NAME --role ROLE [--unit UNIT] [--password PW]``."""

from __future__ import annotations

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.ledger.models import Journal, User
from duban.ledger.units import unit_named

ROLES = {choice.value: choice for choice in User.Role}


class Command(BaseCommand):
    help = "创建用户并指定角色与单位（密码交互输入，或用 --password）"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--role", required=True, choices=sorted(ROLES),
                            help="角色：officer（督查室）、liaison（单位联络员）、leader（领导）、admin（管理员）")
        parser.add_argument("--unit", help="所属单位名称或别名（联络员必填）")
        parser.add_argument("--name", default="", help="显示的姓名，如 张科长")
        parser.add_argument("--phone", default="", help="联系电话")
        parser.add_argument("--password", help="密码（默认交互输入两次）")

    def handle(self, *args, username, role, unit, name, phone, password, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(_("用户 {username} 已存在。").format(username=username))
        found = None
        if unit:
            found = unit_named(unit)
            if found is None:
                raise CommandError(_("没有名为“{unit}”的单位。").format(unit=unit))
        if role == User.Role.LIAISON and found is None:
            raise CommandError(_("单位联络员需要用 --unit 指定所属单位。"))
        user = User(username=username, role=role, unit=found, first_name=name, phone=phone,
                    is_staff=role == User.Role.ADMIN, is_superuser=role == User.Role.ADMIN)
        password = password if password is not None else self.prompt_password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(_("密码不符合要求：{problems}").format(problems=" ".join(error.messages))) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            Journal.record(target=f"ledger.user:{user.pk}", action="create", field="role", new=role,
                           reason=found.name if found else "")
        if found:
            done = _("已创建用户 {username}（{role}，单位 {unit}）").format(
                username=username, role=user.get_role_display(), unit=found.name)
        else:
            done = _("已创建用户 {username}（{role}）").format(username=username, role=user.get_role_display())
        self.stdout.write(done)

    def prompt_password(self) -> str:
        try:
            first = getpass.getpass(_("密码："))
            second = getpass.getpass(_("再次输入密码："))
        except (EOFError, KeyboardInterrupt):
            raise CommandError(_("已取消。")) from None
        if first != second:
            raise CommandError(_("两次输入的密码不一致。"))
        return first
