"""duban create-token USER [--name NAME]: issue an API token and print its key once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.api.models import ApiToken


class Command(BaseCommand):
    help = "为用户生成 API 令牌（只显示这一次，请妥善保存）"

    def add_arguments(self, parser):
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="", help="令牌用途，便于日后辨认，例如“周报脚本”")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("用户不存在：{username}").format(username=username))
        if not user.is_active:
            raise CommandError(_("用户已停用：{username}").format(username=username))
        token, key = ApiToken.issue(user, name=name)
        self.stderr.write(_("已为 {username} 生成令牌 #{id}（{name}）。密钥只显示这一次：").format(
            username=username, id=token.pk, name=name or _("未命名")))
        self.stdout.write(key)
